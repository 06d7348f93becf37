package dev.atmo.wasm.host;

/** Guest log levels as the ABI numbers them: 1 error, 2 warn, 4 debug, anything else info. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG;

    public static LogLevel fromAbi(int level) {
        return switch (level) {
            case 1 -> ERROR;
            case 2 -> WARN;
            case 4 -> DEBUG;
            default -> INFO;
        };
    }
}
