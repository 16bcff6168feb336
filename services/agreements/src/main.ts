import { runMain } from '@tochka/runtime';
import { startAgreements } from './index';

runMain(() => startAgreements());
