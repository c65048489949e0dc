/** picocli converters for btsnap's option values; each throws TypeConversionException with one line. */
package io.btsnap.cli.convert;
