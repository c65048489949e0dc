/** Output formatting: JSON, human sizes, unified diffs, and the one place errors become exit codes. */
package io.btsnap.cli.output;
