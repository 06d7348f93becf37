package dev.atmo.directive;

/** The shape of a step; anything that is not exactly one of the three is {@link #INVALID}. */
public enum StepKind {
    FN,
    GROUP,
    FOR_EACH,
    INVALID
}
