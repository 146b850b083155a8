// Real time: Socket.IO rooms per board, presence, the projector's BoardChanged notices.

export {
  isTicket,
  mintTicket,
  type SocketTicket,
  ticketAudience,
  verifyTicket,
} from '@taskomask/contracts/socket-ticket';
export { readStoreMemberships } from './memberships';
export {
  attachRealtime,
  type BoardNotifier,
  boardRoom,
  type Realtime,
  type RealtimeOptions,
  type TokenVerifier,
} from './server';
