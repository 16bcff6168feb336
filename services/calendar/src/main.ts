import { runMain } from '@tochka/runtime';
import { startCalendar } from './index';

runMain(() => startCalendar());
