// The one rule for a tag's text: the store refuses others, and the tag editors say so before asking.

const TAG_RE = /^[\p{L}\p{N}_.:/-]{1,64}$/u;

/** The tag as stored (trimmed, lower case), or null when it is not allowed. */
export function normaliseTag(tag: string): string | null {
  const t = tag.trim().toLowerCase();
  return TAG_RE.test(t) ? t : null;
}

/** Why a tag is refused, in the words the store and the editors both use. */
export function tagRefusal(tag: string): string {
  return `tag "${tag.trim().slice(0, 64)}" is not allowed: use 1-64 letters, digits, and _ . : / - (no spaces)`;
}
