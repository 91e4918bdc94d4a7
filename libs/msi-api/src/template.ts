/**
 * Magento phrase parameters: a list fills `%1`, `%2`, ... (1-based); a record fills `%name`.
 * Magento sends both shapes, and clients substitute them into the message themselves.
 */
export type MsiParameters =
  Readonly<Record<string, string | number | boolean>> | readonly (string | number | boolean)[];

/** One Magento message: a template with `%placeholders` plus the values that fill them. */
export interface MsiMessage {
  message: string;
  parameters?: MsiParameters;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Substitutes placeholders like Magento's Phrase renderer, which uses PHP's strtr: at each
 * position the longest matching placeholder wins (`%10` before `%1`, `%names` before `%name`),
 * substituted text is never rescanned, and unknown placeholders stay as they are.
 */
export function renderTemplate(template: string, parameters?: MsiParameters): string {
  if (!parameters) return template;
  const pairs = new Map<string, string>(
    Array.isArray(parameters)
      ? parameters.map((v, i) => [`%${i + 1}`, String(v)])
      : Object.entries(parameters).map(([k, v]) => [`%${k}`, String(v)]),
  );
  if (pairs.size === 0) return template;
  const alternatives = [...pairs.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return template.replace(new RegExp(alternatives.join('|'), 'g'), (m) => pairs.get(m) ?? m);
}

export function hasParameters(parameters: MsiParameters | undefined): boolean {
  if (!parameters) return false;
  return Array.isArray(parameters) ? parameters.length > 0 : Object.keys(parameters).length > 0;
}
