/**
 * Glob matching for the seed-file settings. VS Code only matches globs against open documents
 * (languages.match), but file-watcher events and discovered files need the same answer, so the
 * settings' globs are compiled here with VS Code's syntax: `**`, `*`, `?`, `{a,b}`, `[...]`.
 */

const cache = new Map<string, RegExp>();

function escape(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function compile(glob: string): RegExp {
  let re = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else if (ch === '{') {
      inBraces++;
      re += '(?:';
    } else if (ch === '}' && inBraces > 0) {
      inBraces--;
      re += ')';
    } else if (ch === ',' && inBraces > 0) {
      re += '|';
    } else {
      re += escape(ch);
    }
  }
  return new RegExp(`^${re}$`, process.platform === 'win32' || process.platform === 'darwin' ? 'i' : '');
}

export function globMatches(glob: string, path: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    re = compile(glob.replace(/\\/g, '/'));
    cache.set(glob, re);
  }
  return re.test(path);
}

/**
 * Whether any glob matches the file. Globs are tried against the path relative to its workspace folder and
 * against the absolute path, like `files.exclude` and language filenamePatterns do.
 */
export function anyGlobMatches(globs: readonly string[], absolutePath: string, relativePath: string | null): boolean {
  const abs = absolutePath.replace(/\\/g, '/');
  const rel = relativePath?.replace(/\\/g, '/');
  return globs.some((g) => globMatches(g, abs) || (rel !== undefined && globMatches(g, rel)));
}
