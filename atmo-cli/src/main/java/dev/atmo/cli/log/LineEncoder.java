package dev.atmo.cli.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/** An encoder of one line per event, with nothing before the first line or after the last. */
abstract class LineEncoder extends EncoderBase<ILoggingEvent> {

    @Override
    public final byte[] headerBytes() {
        return new byte[0];
    }

    @Override
    public final byte[] footerBytes() {
        return new byte[0];
    }
}
