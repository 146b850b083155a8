export { type Forwarder, type ForwarderOptions, startForwarder } from './forwarder';
