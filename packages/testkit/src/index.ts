export { freePort } from './free-port';
export { seeded } from './seeded';
export { serverUrls, tcpReachable, unavailable } from './servers';
export { waitFor } from './wait-for';
