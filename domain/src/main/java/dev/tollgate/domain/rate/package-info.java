/**
 * Rate limits: requests and tokens per window on bucketed sliding windows, and parallel-request
 * slots that lapse if their holder vanishes. Time is always a parameter.
 */
package dev.tollgate.domain.rate;
