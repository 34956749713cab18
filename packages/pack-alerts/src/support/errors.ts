import { isPantherApiError, PantherApiError } from '@mcp-panther/core';

/**
 * Runs a Panther call about one alert and turns Panther's 404 into `No alert found with ID: X`
 * (still a NOT_FOUND PantherApiError, with the original as its cause). Other errors propagate unchanged.
 */
export async function forAlert<T>(alertId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isPantherApiError(error) && error.code === 'NOT_FOUND') {
      throw new PantherApiError('NOT_FOUND', `No alert found with ID: ${alertId}`, {
        status: error.status,
        cause: error,
      });
    }
    throw error;
  }
}

/** Runs a write on several alerts and turns Panther's 404 into `One or more alerts not found: a, b`. */
export async function forAlerts<T>(alertIds: readonly string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isPantherApiError(error) && error.code === 'NOT_FOUND') {
      throw new PantherApiError(
        'NOT_FOUND',
        `One or more alerts not found: ${alertIds.join(', ')} (${error.message})`,
        { status: error.status, cause: error },
      );
    }
    throw error;
  }
}
