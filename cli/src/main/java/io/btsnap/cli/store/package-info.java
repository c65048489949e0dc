/** The {@code btsnap store} group: commands about the store as a whole. */
package io.btsnap.cli.store;
