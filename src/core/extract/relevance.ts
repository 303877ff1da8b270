/**
 * Which top-level statements can matter to a Keras model, decided from their text before anything runs, so
 * that plain Python (data loading, metrics, configuration nobody passes to Keras) costs no interpretation.
 * A statement matters when it shares a module-level name with one that does, starting from the names
 * imports bind from anywhere but inert libraries (`numpy`, `os`...) and from Keras-only attribute names
 * (`layers.Dense` on an unknown object). Conservative by construction: when unsure, a statement is kept.
 * What the kept statements mean is the interpreter's business.
 */
import { field, fieldAll, namedChildren } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { moduleKey } from '../evaluate/modules';
import { canonicalModule, unresolvedKerasName } from './kerasApi';

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Names whose presence means code reaches names the text does not show: then every statement is kept. */
const DYNAMIC = new Set(['exec', 'eval', 'globals', 'vars', 'locals', '__import__', 'importlib', '__dict__', 'setattr']);

/** Statements that always run: they are cheap, or they hold code whose effects a name scan cannot bound. */
const ALWAYS = new Set([
  'import_statement', 'import_from_statement', 'future_import_statement', 'if_statement', 'for_statement',
  'while_statement', 'try_statement', 'with_statement', 'match_statement', 'global_statement', 'ERROR',
]);

/** Statements that only define a name: their bodies run when called. */
export const DEFINITIONS: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'decorated_definition']);

export interface NameScan {
  /** Identifiers read or written, without attribute names, keyword-argument names, keywords, strings or comments. */
  readonly names: Set<string>;
  /** Attribute names (`x.name`). */
  readonly attributes: Set<string>;
  /**
   * Names in a position that binds them: assignment targets, `for` targets, `as` names, `def`/`class`
   * names, imported names, `global`/`nonlocal`/`del` lists, walrus targets. Over-approximated, never missed.
   */
  readonly bound: Set<string>;
  /** Names declared `global` anywhere inside. */
  readonly globals: Set<string>;
}

/**
 * Character classes, as flags in a table of every UTF-16 code unit: the scan reads every character of the
 * file. Any non-ASCII character may be part of a name: the grammar decides, and more names is the safe side.
 */
const ID_START = 1;
const ID_PART = 2;
const SPACE = 4;
const CHAR_CLASS = new Uint8Array(65536).fill(ID_START | ID_PART, 128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  CHAR_CLASS[c] = (start ? ID_START | ID_PART : 0) | (c >= 48 && c <= 57 ? ID_PART : 0) | (c === 32 || c === 9 || c === 12 ? SPACE : 0);
}
/** The class of a code unit; 0 past the end of the text (where `charCodeAt` gives NaN). */
const charClass = (c: number): number => CHAR_CLASS[c] ?? 0;
const isIdentifierStart = (c: number) => (charClass(c) & ID_START) !== 0;
const isIdentifierPart = (c: number) => (charClass(c) & ID_PART) !== 0;
const isSpace = (c: number) => (charClass(c) & SPACE) !== 0;

/** Skips a string literal whose opening quote is at `at`; returns the index after it. */
function skipString(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  const triple = text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  let i = at + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i += 2;
    } else if (c === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
      return i + (triple ? 3 : 1);
    } else if (c === 10 && !triple) {
      return i;
    } else {
      i++;
    }
  }
  return i;
}

const STRING_PREFIX = /^[rRuUbBfF]{1,2}$/;

/** Keywords after which the names up to the end of the logical line are bound. */
const BINDING_LISTS = new Set(['import', 'global', 'nonlocal', 'del']);

/**
 * Whether the `=` at `i` assigns (`=`, `+=`, `<<=`...) rather than compares (`==`, `<=`, `!=`) or
 * continues one.
 */
function isAssignment(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  const previous = text.charCodeAt(i - 1);
  if (next === 61 || previous === 61 || previous === 33) return false;
  if (previous === 60 || previous === 62) return text.charCodeAt(i - 2) === previous;
  return true;
}

/** Keywords first, so that a keyword test is an id comparison. */
const KEYWORD_LIST = [...KEYWORDS];
const [GLOBAL, FOR, IN, AS, DEF, CLASS] = ['global', 'for', 'in', 'as', 'def', 'class'].map((k) => KEYWORD_LIST.indexOf(k));
const BINDING_LIST_IDS = new Set([...BINDING_LISTS].map((k) => KEYWORD_LIST.indexOf(k)));

/**
 * Name ids: every distinct word of the file gets one small integer, so sets become flag arrays. Words are
 * found by a hash of their characters in the source, so reading a name allocates nothing unless it is new.
 */
class Names {
  /** Open addressing: id + 1 per slot, 0 when empty; a power of two in size, at most half full. */
  private slots = new Int32Array(1024);
  private hashes: number[] = [];
  readonly words: string[] = [];
  /** Per id, the number of the last scan that listed it as a name (as an attribute): each scan lists it once. */
  readonly listedIn: number[] = [];
  readonly listedAsAttributeIn: number[] = [];
  /** The scan's names since the last assignment or line start (see `scanInto`). */
  readonly segment: number[] = [];
  scans = 0;

  constructor() {
    for (const keyword of KEYWORD_LIST) this.id(keyword);
  }

  static hash(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return hash;
  }

  idAt(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot]; entry !== 0; slot = (slot + 1) & mask, entry = this.slots[slot]) {
      const word = this.words[entry - 1];
      if (this.hashes[entry - 1] === hash && word.length === length && sameWord(word, text, start)) return entry - 1;
    }
    const id = this.words.length;
    this.words.push(text.slice(start, end));
    this.hashes.push(hash);
    this.listedIn.push(-1);
    this.listedAsAttributeIn.push(-1);
    this.slots[slot] = id + 1;
    if (2 * this.words.length > this.slots.length) this.grow();
    return id;
  }

  id(word: string): number {
    return this.idAt(word, 0, word.length, Names.hash(word, 0, word.length));
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, id) => {
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    });
    this.slots = slots;
  }
}

/** Whether `text` holds `word` at `start`: names are short, and a loop beats a `startsWith` call. */
function sameWord(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

const isKeyword = (id: number) => id < KEYWORD_LIST.length;

/** What one scan found, as name ids: names and attributes once each, the others with duplicates. */
interface Found {
  /** Which scan of the table this is (one per statement). */
  scan: number;
  readonly names: number[];
  readonly attributes: number[];
  readonly bound: number[];
  readonly globals: number[];
}

/** Scans Python source for the names it uses. Never throws; unbalanced or broken text only yields more names. */
export function scanNames(text: string): NameScan {
  const table = new Names();
  const found: Found = { scan: table.scans++, names: [], attributes: [], bound: [], globals: [] };
  scanInto(text, 0, text.length, table, found);
  const words = (ids: number[]) => new Set(ids.map((id) => table.words[id]));
  return { names: words(found.names), attributes: words(found.attributes), bound: words(found.bound), globals: words(found.globals) };
}

function scanInto(text: string, from: number, to: number, table: Names, found: Found): void {
  const { names, attributes, bound, globals } = found;
  let depth = 0;
  let afterDot = false;
  /**
   * Names since the start of the logical line or the last assignment, the targets if an `=` follows: the
   * first `segmentLength` entries (one list for every line and statement of the scan, rather than a new one each).
   */
  const segment = table.segment;
  let segmentLength = 0;
  /** The id of the word just before, or -1. */
  let previous = -1;
  let bindingList = false;
  let inGlobal = false;
  let forTargets = false;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      // Spaces, the commonest character (indentation), change nothing.
      i++;
      continue;
    }
    if (c === 35) {
      // A comment runs to the end of the line.
      const end = text.indexOf('\n', i);
      i = end < 0 || end > to ? to : end;
      continue;
    }
    if (c === 34 || c === 39) {
      i = Math.min(to, skipString(text, i));
      afterDot = false;
      previous = -1;
      continue;
    }
    if (c >= 48 && c <= 57) {
      // A number, including `0x1f`, `1e5`, `1_000j`: none of it is a name.
      while (i < to && (isIdentifierPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      afterDot = false;
      previous = -1;
      continue;
    }
    if (isIdentifierStart(c)) {
      const start = i;
      let hash = 0x811c9dc5;
      for (; i < to; i++) {
        const d = text.charCodeAt(i);
        if (!isIdentifierPart(d)) break;
        hash = Math.imul(hash ^ d, 0x01000193);
      }
      const next = text.charCodeAt(i);
      if ((next === 34 || next === 39) && i - start <= 2 && STRING_PREFIX.test(text.slice(start, i))) {
        const end = Math.min(to, skipString(text, i));
        // f-strings hold code in their braces: all their words count as names (more names is the safe side).
        if (/[fF]/.test(text.slice(start, i))) scanInto(text, i + 1, Math.max(i + 1, end - 1), table, { scan: found.scan, names, attributes, bound: [], globals: [] });
        i = end;
        afterDot = false;
        previous = -1;
        continue;
      }
      const id = table.idAt(text, start, i, hash);
      if (afterDot) {
        if (table.listedAsAttributeIn[id] !== found.scan) {
          table.listedAsAttributeIn[id] = found.scan;
          attributes.push(id);
        }
      } else if (isKeyword(id)) {
        if (BINDING_LIST_IDS.has(id)) bindingList = true;
        if (id === GLOBAL) inGlobal = true;
        if (id === FOR) forTargets = true;
        if (id === IN) forTargets = false;
      } else {
        let j = i;
        while (isSpace(text.charCodeAt(j))) j++;
        const keywordArgument = depth > 0 && text.charCodeAt(j) === 61 && text.charCodeAt(j + 1) !== 61;
        if (!keywordArgument) {
          if (table.listedIn[id] !== found.scan) {
            table.listedIn[id] = found.scan;
            names.push(id);
          }
          segment[segmentLength++] = id;
          if (inGlobal) globals.push(id);
          if (bindingList || forTargets || previous === AS || previous === DEF || previous === CLASS) bound.push(id);
          // Walrus: `name := value` binds wherever it stands.
          if (text.charCodeAt(j) === 58 && text.charCodeAt(j + 1) === 61) bound.push(id);
        }
      }
      previous = afterDot ? -1 : id;
      afterDot = false;
      continue;
    }
    if (!isSpace(c)) previous = -1;
    if (c === 46) {
      afterDot = true;
    } else if (c === 10 || c === 59) {
      if (depth === 0 || c === 59) {
        segmentLength = 0;
        bindingList = false;
        inGlobal = false;
        forTargets = false;
      }
    } else if (!isSpace(c) && c !== 92 && c !== 13) {
      afterDot = false;
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
      else if (c === 61 && depth === 0 && isAssignment(text, i)) {
        for (let k = 0; k < segmentLength; k++) bound.push(segment[k]);
        segmentLength = 0;
      }
    }
    i++;
  }
}

/** The local names an import binds, and whether the interpreter can only ever see them as unknown. */
function importBindings(node: SyntaxNode): { names: string[]; inert: boolean; wildcard: boolean } {
  const names: string[] = [];
  if (node.type === 'import_statement') {
    let inert = true;
    for (const item of fieldAll(node, 'name')) {
      const dotted = item.type === 'aliased_import' ? field(item, 'name') : item;
      const alias = item.type === 'aliased_import' ? field(item, 'alias')?.text : undefined;
      const path = dotted?.text.replace(/\s+/g, '') ?? '';
      names.push(alias ?? path.split('.')[0]);
      if (!inertModule(path)) inert = false;
    }
    return { names, inert, wildcard: false };
  }
  if (node.type !== 'import_from_statement') return { names, inert: false, wildcard: false };
  const moduleNode = field(node, 'module_name');
  const path = moduleNode && moduleNode.type !== 'relative_import' ? moduleNode.text.replace(/\s+/g, '') : null;
  for (const item of fieldAll(node, 'name')) {
    names.push((item.type === 'aliased_import' ? field(item, 'alias') ?? field(item, 'name') : item)?.text ?? '');
  }
  const wildcard = namedChildren(node).some((c) => c.type === 'wildcard_import');
  return { names, inert: path !== null && inertModule(path), wildcard };
}

/** A module the interpreter never resolves (not Keras', never a sibling): what it binds stays unknown. */
function inertModule(path: string): boolean {
  return canonicalModule(path) === null && moduleKey(null, 0, path) === null;
}

/** The name a `def`/`class` statement binds. */
function definedName(node: SyntaxNode): string | null {
  const definition = node.type === 'decorated_definition' ? field(node, 'definition') : node;
  return definition ? field(definition, 'name')?.text ?? null : null;
}

/**
 * The top-level statements worth interpreting, in order. Keeps all of them when the file reaches names
 * dynamically (`exec`, `globals()`, a wildcard import from a module that is not inert).
 */
export function relevantStatements(statements: readonly SyntaxNode[], source: string): SyntaxNode[] {
  const table = new Names();
  const dynamic = [...DYNAMIC].map((word) => table.id(word));
  const n = statements.length;
  // What the scans find, for all statements in one list each, statement i's part from its `…Start[i]`:
  // lists of their own per statement were most of what this allocated on a large file.
  const found: Found = { scan: 0, names: [], attributes: [], bound: [], globals: [] };
  const namesStart = new Int32Array(n + 1);
  /** The ids each statement may bind at module level. */
  const bindIds: number[] = [];
  const bindStart = new Int32Array(n + 1);
  const kept = new Uint8Array(n);
  const isImport = new Uint8Array(n);
  /** Ids bound by imports the interpreter may resolve: where relevance starts. */
  const seeds: number[] = [];
  const inertIds: number[] = [];
  const kerasAttribute = new Map<number, boolean>();
  for (let i = 0; i < n; i++) {
    const node = statements[i];
    const type = node.type;
    found.scan = table.scans++;
    namesStart[i] = found.names.length;
    const attributesFrom = found.attributes.length;
    const boundFrom = found.bound.length;
    const globalsFrom = found.globals.length;
    // Scanning the source itself (not a slice of it) keeps character reads on a flat string.
    scanInto(source, node.startIndex, Math.min(node.endIndex, source.length), table, found);
    bindStart[i] = bindIds.length;
    if (type === 'import_statement' || type === 'import_from_statement') {
      isImport[i] = 1;
      const imported = importBindings(node);
      if (imported.wildcard && !imported.inert) return [...statements];
      for (const name of imported.names) {
        const id = table.id(name);
        bindIds.push(id);
        (imported.inert ? inertIds : seeds).push(id);
      }
    } else if (DEFINITIONS.has(type)) {
      const name = definedName(node);
      if (name) bindIds.push(table.id(name));
    } else {
      // Case patterns capture names in ways the scan does not follow: take every name of a `match` as bound.
      const match = type === 'match_statement';
      const list = match ? found.names : found.bound;
      for (let k = match ? namesStart[i] : boundFrom; k < list.length; k++) bindIds.push(list[k]);
    }
    for (let k = globalsFrom; k < found.globals.length; k++) bindIds.push(found.globals[k]);
    let keep = ALWAYS.has(type);
    for (let k = attributesFrom; k < found.attributes.length; k++) {
      const id = found.attributes[k];
      let keras = kerasAttribute.get(id);
      if (keras === undefined) kerasAttribute.set(id, (keras = unresolvedKerasName(table.words[id]) !== null));
      if (keras) keep = true;
    }
    kept[i] = keep ? 1 : 0;
  }
  namesStart[n] = found.names.length;
  bindStart[n] = bindIds.length;
  const count = table.words.length;
  const dynamicFlags = new Uint8Array(count);
  dynamic.forEach((id) => (dynamicFlags[id] = 1));
  if (found.names.some((id) => dynamicFlags[id] === 1) || found.attributes.some((id) => dynamicFlags[id] === 1)) return [...statements];

  // Module-level names; a name bound by an inert import and by nothing else is unknown whatever happens,
  // so it links nothing.
  const moduleName = new Uint8Array(count);
  for (let i = 0; i < n; i++) if (!isImport[i]) for (let k = bindStart[i]; k < bindStart[i + 1]; k++) moduleName[bindIds[k]] = 1;
  const seed = new Uint8Array(count);
  seeds.forEach((id) => (seed[id] = 1));
  const inertOnly = inertIds.filter((id) => !moduleName[id] && !seed[id]);
  bindIds.forEach((id) => (moduleName[id] = 1));
  inertOnly.forEach((id) => (moduleName[id] = 0));

  // Which module-level names each statement uses, and which statements use each name (`users`, from
  // `userStart[id]` to `userStart[id + 1]`).
  const useIds: number[] = [];
  const useStart = new Int32Array(n + 1);
  const userStart = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    useStart[i] = useIds.length;
    for (let k = namesStart[i]; k < namesStart[i + 1]; k++) {
      const id = found.names[k];
      if (moduleName[id] !== 1) continue;
      useIds.push(id);
      userStart[id + 1]++;
    }
  }
  useStart[n] = useIds.length;
  for (let id = 0; id < count; id++) userStart[id + 1] += userStart[id];
  const users = new Int32Array(useIds.length);
  const nextUser = userStart.slice(0, count);
  for (let i = 0; i < n; i++) for (let k = useStart[i]; k < useStart[i + 1]; k++) users[nextUser[useIds[k]]++] = i;

  // Spread relevance through shared module-level names with a worklist: linear in the number of name uses.
  const relevant = new Uint8Array(count);
  const queue: number[] = [];
  const markUses = (i: number): void => {
    for (let k = useStart[i]; k < useStart[i + 1]; k++) {
      const id = useIds[k];
      if (relevant[id]) continue;
      relevant[id] = 1;
      queue.push(id);
    }
  };
  for (const id of seeds) {
    if (relevant[id]) continue;
    relevant[id] = 1;
    queue.push(id);
  }
  for (let i = 0; i < n; i++) if (kept[i]) markUses(i);
  while (queue.length > 0) {
    const id = queue.pop() as number;
    for (let k = userStart[id]; k < userStart[id + 1]; k++) {
      const i = users[k];
      if (kept[i]) continue;
      kept[i] = 1;
      markUses(i);
    }
  }
  return statements.filter((_, i) => kept[i] === 1);
}
