/**
 * Which `except` clause catches a raised exception, as Python decides it: the first clause whose class is the
 * exception's class or one of its bases. Builtin exception classes are known by their place in Python's own
 * hierarchy; the user's classes by the bases their `class` statement names. Where either side is not known
 * statically (a class from a library, `raise error`), the answer is "maybe", never a guess.
 */
import type { ClassObject, PyValue } from './values';

/** Python's builtin exception classes, each with its base (`Lib/test/exception_hierarchy.txt`). */
const BUILTIN_EXCEPTIONS: ReadonlyMap<string, string | null> = new Map([
  ['BaseException', null],
  ['BaseExceptionGroup', 'BaseException'],
  ['GeneratorExit', 'BaseException'],
  ['KeyboardInterrupt', 'BaseException'],
  ['SystemExit', 'BaseException'],
  ['Exception', 'BaseException'],
  ['ArithmeticError', 'Exception'],
  ['FloatingPointError', 'ArithmeticError'],
  ['OverflowError', 'ArithmeticError'],
  ['ZeroDivisionError', 'ArithmeticError'],
  ['AssertionError', 'Exception'],
  ['AttributeError', 'Exception'],
  ['BufferError', 'Exception'],
  ['EOFError', 'Exception'],
  ['ExceptionGroup', 'Exception'],
  ['ImportError', 'Exception'],
  ['ModuleNotFoundError', 'ImportError'],
  ['LookupError', 'Exception'],
  ['IndexError', 'LookupError'],
  ['KeyError', 'LookupError'],
  ['MemoryError', 'Exception'],
  ['NameError', 'Exception'],
  ['UnboundLocalError', 'NameError'],
  ['OSError', 'Exception'],
  ['BlockingIOError', 'OSError'],
  ['ChildProcessError', 'OSError'],
  ['ConnectionError', 'OSError'],
  ['BrokenPipeError', 'ConnectionError'],
  ['ConnectionAbortedError', 'ConnectionError'],
  ['ConnectionRefusedError', 'ConnectionError'],
  ['ConnectionResetError', 'ConnectionError'],
  ['FileExistsError', 'OSError'],
  ['FileNotFoundError', 'OSError'],
  ['InterruptedError', 'OSError'],
  ['IsADirectoryError', 'OSError'],
  ['NotADirectoryError', 'OSError'],
  ['PermissionError', 'OSError'],
  ['ProcessLookupError', 'OSError'],
  ['TimeoutError', 'OSError'],
  ['ReferenceError', 'Exception'],
  ['RuntimeError', 'Exception'],
  ['NotImplementedError', 'RuntimeError'],
  ['RecursionError', 'RuntimeError'],
  ['StopAsyncIteration', 'Exception'],
  ['StopIteration', 'Exception'],
  ['SyntaxError', 'Exception'],
  ['IndentationError', 'SyntaxError'],
  ['TabError', 'IndentationError'],
  ['SystemError', 'Exception'],
  ['TypeError', 'Exception'],
  ['ValueError', 'Exception'],
  ['UnicodeError', 'ValueError'],
  ['UnicodeDecodeError', 'UnicodeError'],
  ['UnicodeEncodeError', 'UnicodeError'],
  ['UnicodeTranslateError', 'UnicodeError'],
  ['Warning', 'Exception'],
  ['BytesWarning', 'Warning'],
  ['DeprecationWarning', 'Warning'],
  ['EncodingWarning', 'Warning'],
  ['FutureWarning', 'Warning'],
  ['ImportWarning', 'Warning'],
  ['PendingDeprecationWarning', 'Warning'],
  ['ResourceWarning', 'Warning'],
  ['RuntimeWarning', 'Warning'],
  ['SyntaxWarning', 'Warning'],
  ['UnicodeWarning', 'Warning'],
  ['UserWarning', 'Warning'],
]);

/** Other names Python binds to a builtin exception class: `except IOError` catches an `OSError`. */
const SAME_CLASS: ReadonlyMap<string, string> = new Map([
  ['IOError', 'OSError'],
  ['EnvironmentError', 'OSError'],
]);

export function isBuiltinException(name: string): boolean {
  return BUILTIN_EXCEPTIONS.has(name) || SAME_CLASS.has(name);
}

/** The class of a raised exception; null when it is not known statically. */
export type RaisedClass = { readonly kind: 'builtin'; readonly name: string } | { readonly kind: 'class'; readonly cls: ClassObject } | null;

/** The class `raise <value>` raises, where `value` is a class or an instance. */
export function raisedClass(value: PyValue): RaisedClass {
  if (value.kind === 'builtin' && isBuiltinException(value.name)) return { kind: 'builtin', name: SAME_CLASS.get(value.name) ?? value.name };
  if (value.kind === 'class') return { kind: 'class', cls: value.cls };
  if (value.kind === 'instance') return { kind: 'class', cls: value.instance.cls };
  return null;
}

type Match = 'yes' | 'no' | 'maybe';

/** Whether builtin class `name` is `ancestor` or derives from it. */
function builtinDerives(name: string, ancestor: string): boolean {
  for (let at: string | null | undefined = SAME_CLASS.get(name) ?? name; at; at = BUILTIN_EXCEPTIONS.get(at)) if (at === ancestor) return true;
  return false;
}

/**
 * Whether the user's class `cls` is `target` (a user class or a builtin name) or derives from it: "maybe"
 * where a base is neither the user's nor a builtin exception (a library's class), unless a known base decides.
 */
function classDerives(cls: ClassObject, target: ClassObject | string, seen: Set<ClassObject> = new Set()): Match {
  if (cls === target) return 'yes';
  if (seen.has(cls)) return 'no';
  seen.add(cls);
  let result: Match = cls.otherBases ? 'maybe' : 'no';
  if (typeof target === 'string' && cls.builtinBases.some((base) => builtinDerives(base, target))) return 'yes';
  for (const base of cls.bases) {
    const match = classDerives(base, target, seen);
    if (match === 'yes') return 'yes';
    if (match === 'maybe') result = 'maybe';
  }
  return result;
}

/** Whether a handler for `handler` (a class, a tuple of classes) catches `raised`; `handler` null: a bare `except:`. */
export function handlerCatches(handler: PyValue | null, raised: RaisedClass): Match {
  if (handler === null) return 'yes';
  if (handler.kind === 'tuple') {
    let result: Match = 'no';
    for (const item of handler.items) {
      const match = handlerCatches(item, raised);
      if (match === 'yes') return 'yes';
      if (match === 'maybe') result = 'maybe';
    }
    return result;
  }
  if (handler.kind === 'builtin' && isBuiltinException(handler.name)) {
    const target = SAME_CLASS.get(handler.name) ?? handler.name;
    if (target === 'BaseException') return 'yes';
    if (raised === null) return 'maybe';
    return raised.kind === 'builtin' ? (builtinDerives(raised.name, target) ? 'yes' : 'no') : classDerives(raised.cls, target);
  }
  if (handler.kind === 'class') {
    if (raised === null) return 'maybe';
    // A builtin exception is never an instance of a class of the user's.
    return raised.kind === 'builtin' ? 'no' : classDerives(raised.cls, handler.cls);
  }
  return 'maybe';
}
