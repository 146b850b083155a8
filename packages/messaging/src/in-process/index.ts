// @taskomask/messaging/in-process: the bus inside one process (no broker).
export { type InProcessBusOptions, inProcessBus } from './in-process-bus';
