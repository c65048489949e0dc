/**
 * The commands over a remote: {@code remote add/ls/rm}, {@code push}, {@code pull}. Only they
 * load the remote module and the AWS SDK.
 */
package io.btsnap.cli.remote;
