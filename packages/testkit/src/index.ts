export { freePort } from './free-port';
export { loadedPackages } from './loaded-packages';
export { seeded } from './seeded';
export { serverUrls, tcpReachable, unavailable } from './servers';
export { waitFor } from './wait-for';
