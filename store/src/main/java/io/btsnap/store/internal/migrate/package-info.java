/**
 * Migration of per-run folders, the layout other backtesting tools leave behind (a copy of the
 * strategy per run), into deduplicated runs. The folders are only read.
 */
package io.btsnap.store.internal.migrate;
