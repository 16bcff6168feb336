import { runMain } from '@tochka/runtime';
import { startRegistrations } from './index';

runMain(() => startRegistrations());
