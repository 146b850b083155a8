import { messageBusContract } from '../src/contract';
import { inProcessBus } from '../src/in-process/in-process-bus';

messageBusContract('in-process', async () => inProcessBus(), { timeoutMs: 10_000 });
