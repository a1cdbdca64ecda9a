/**
 * Normalization helpers of the billing routes. They live in libs/queue with the resource mappings
 * the worker's polls share with the live routes (a snapshot must be exactly a live body).
 */
export { isoOrNull, moneyOrNull, originOf, orNull } from '@app/queue';
