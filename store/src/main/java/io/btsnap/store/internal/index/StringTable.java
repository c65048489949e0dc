package io.btsnap.store.internal.index;

/**
 * Numbers for strings that repeat in run records. Numbers are never reused or removed, so a
 * number read once means the same string for the life of the store.
 */
interface StringTable {
  /** Returns the number of {@code value}, adding it when writing; fails when reading and absent. */
  long idOf(String value);

  /** Returns the string numbered {@code id}; a missing number is damage. */
  String valueOf(int id);
}
