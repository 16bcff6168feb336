import { runMain } from '@tochka/runtime';
import { startGateway } from './index';

runMain(() => startGateway());
