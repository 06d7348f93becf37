/**
 * Atmo's core: {@link dev.atmo.AtmoException}, the unchecked root of every failure in the Directive, the bundle
 * and the server; the sub-packages hold each concern.
 */
package dev.atmo;
