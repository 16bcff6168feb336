import type { Direction } from '../../shared/format';

/**
 * One colour per direction. Each is dark enough for white text (contrast ≥ 4.5:1, WCAG AA) and
 * neighbours differ in hue; the legend names them, so colour is never the only cue.
 */
export const directionColours: Record<Direction, string> = {
  robotics: '#1c5d99',
  chess: '#4a4a4a',
  lego: '#b3261e',
  '3d_modelling': '#6a1b9a',
  vr_ar: '#00695c',
  programming: '#283593',
  geoinformatics: '#2e7d32',
  industrial_design: '#8d4a00',
  multimedia: '#ad1457',
  quadcopters: '#0d47a1',
  natural_science: '#33691e',
  health: '#c62828',
  theatre: '#7b1fa2',
  life_safety: '#bf360c',
  traffic_safety: '#9e5400',
  career_guidance: '#00796b',
  digital_literacy: '#3949ab',
  photo_video: '#5d4037',
  woodwork: '#6d4c41',
  project_work: '#455a64',
};
