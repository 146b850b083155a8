import { loadedPackages } from '@taskomask/testkit';
import { describe, expect, it } from 'vitest';

// A process on the in-process bus must not load the AMQP client.
describe('busFromUrl loads only the adapter its URL names', () => {
  it('memory: does not load amqplib', async () => {
    const loaded = await loadedPackages(
      `const { busFromUrl } = await import('@taskomask/messaging');
       const bus = await busFromUrl('memory:');
       await bus.close();`,
      ['amqplib'],
    );
    expect(loaded).toEqual([]);
  });

  it('the probe sees amqplib once the RabbitMQ adapter is imported', async () => {
    const loaded = await loadedPackages(`await import('@taskomask/messaging/rabbitmq');`, [
      'amqplib',
    ]);
    expect(loaded).toEqual(['amqplib']);
  });
});
