/**
 * Schedules: each runs its steps every period while this process holds the schedule's lease, held by every
 * process or, over a NATS key-value bucket, by one at a time.
 */
package dev.atmo.schedule;
