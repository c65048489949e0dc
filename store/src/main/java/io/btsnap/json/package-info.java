/**
 * A small JSON writer and reader for the CLI's {@code --json} output and the export archive's
 * run files. Values are plain maps, lists, strings, numbers and booleans; stateless.
 */
package io.btsnap.json;
