import {
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Light, outline and subtle variants (alerts, badges, secondary buttons) draw text in shade 9 of
 * their colour, darkened, instead of Mantine's lighter default, which falls below 4.5:1 on tinted backgrounds.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colours = defaultVariantColorsResolver(input);
  if (input.variant === 'light' || input.variant === 'outline' || input.variant === 'subtle') {
    const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
    if (parsed.isThemeColor) {
      // Shade 9 darkened further: Mantine's greens, yellows and oranges stay too light on their
      // tinted backgrounds even at shade 9.
      const dark = `color-mix(in srgb, var(--mantine-color-${parsed.color}-9), #000 40%)`;
      return { ...colours, color: dark, ...(input.variant === 'outline' ? { border: `1px solid ${dark}` } : {}) };
    }
  }
  if (input.variant === 'filled' && input.color && input.color !== input.theme.primaryColor) {
    const parsed = parseThemeColor({ color: input.color, theme: input.theme });
    if (parsed.isThemeColor && parsed.color !== 'dark') {
      // White text needs a dark background: Mantine's shade 6–7 reds and greens are below 4.5:1.
      const bg = `color-mix(in srgb, var(--mantine-color-${parsed.color}-9), #000 20%)`;
      return { ...colours, background: bg, hover: `color-mix(in srgb, var(--mantine-color-${parsed.color}-9), #000 35%)`, color: '#fff' };
    }
  }
  return colours;
};

// A green close to the national project's colours, dark enough at shade 7 for white text (AA).
const tochka: MantineColorsTuple = ['#e6f6ef', '#cdeadd', '#9dd5bb', '#69bf97', '#3fac79', '#24a067', '#12875a', '#0b6e4f', '#005c40', '#004a33'];

export const theme = createTheme({
  primaryColor: 'tochka',
  primaryShade: 7,
  colors: { tochka },
  fontFamily: '"PT Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif',
  defaultRadius: 'md',
  variantColorResolver,
  focusRing: 'always',
  components: {
    Button: { defaultProps: { size: 'md' } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть' } } },
  },
});

/** «Dimmed» text at Mantine's default grey is below 4.5:1 on white; this grey is about 8:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#6c757d' },
  dark: {},
});
