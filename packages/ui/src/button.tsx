import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'ghost' | 'danger';

const variants: Record<ButtonVariant, string> = {
  primary: 'btn-primary',
  ghost: 'btn-ghost',
  danger: 'btn-danger',
};

/** The class of a button variant, for links and other elements styled as buttons. */
export const buttonClass = (variant: ButtonVariant, extra = '') =>
  extra ? `${variants[variant]} ${extra}` : variants[variant];

/** A `type="button"` button (forms pass `type="submit"`) in one of the three variants. */
export function Button({
  variant = 'ghost',
  className = '',
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...rest} />;
}
