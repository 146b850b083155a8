export { eventMessage } from './event-message';
export { type Forwarder, type ForwarderOptions, startForwarder } from './forwarder';
