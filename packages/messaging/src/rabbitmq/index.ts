// @taskomask/messaging/rabbitmq: the bus on a RabbitMQ topic exchange (loads amqplib).
export { deadLetterQueueOf, type RabbitMqBusOptions, rabbitMqBus } from './rabbit-mq-bus';
