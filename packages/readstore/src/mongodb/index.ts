// @taskomask/readstore/mongodb: read models in MongoDB (loads the mongodb driver).
export { mongoReadStoreCatalog } from './mongo-catalog';
export { mongoReadStore } from './mongo-read-store';
