import { runMain } from '@tochka/runtime';
import { startNotifications } from './index';

runMain(() => startNotifications());
