import { createMemoryBackplane } from '../memory.js';
import { backplaneContract } from './backplane.contract.js';

backplaneContract('in-process', async () => createMemoryBackplane());
