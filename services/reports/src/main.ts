import { runMain } from '@tochka/runtime';
import { startReports } from './index';

runMain(() => startReports());
