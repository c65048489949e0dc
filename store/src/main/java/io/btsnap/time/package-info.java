/** Durations for people, written as they are typed on the command line ({@code 30d}, {@code 1m18s}). */
package io.btsnap.time;
