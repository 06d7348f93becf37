/**
 * The capabilities Runnables use, as the server provides them: outbound HTTP and GraphQL under the outbound
 * policy and the Directive's credentials, the cache (in memory or on Redis), the SQL database and static files,
 * gathered from a Directive by {@link dev.atmo.capability.CapabilitySet}.
 */
package dev.atmo.capability;
