/**
 * The projector queue's delivery limit. RabbitMQ 3.x quorum queues count a delivery handed back
 * by a consumer that died (connection gone, nothing acked) like a failed one: each projector
 * crash adds exactly one delivery to every message it held, up to `prefetch` of them
 * (measured in test/crash-deliveries.int.test.ts). A good event must survive a run of crashes
 * (the faults harness injects up to 7 projector exits a run, and a crash loop under an
 * orchestrator's back-off can be longer) and still get its handler attempts; a message whose
 * handler keeps failing is dead-lettered after all of them, and a poison one at once.
 */
export const projectorCrashesTolerated = 15;
/** Failed handler runs of a good event that a transient fault may cause. */
export const projectorHandlerAttempts = 5;
export const projectorMaxDeliveries = projectorCrashesTolerated + projectorHandlerAttempts;
