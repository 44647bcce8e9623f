// An error the emulator answers with: AWS JSON 1.1 shape `{"__type", "message"}`.

export class EcrError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const invalidParameter = (message: string): EcrError => new EcrError('InvalidParameterException', message);

export function repositoryNotFound(name: string, registryId: string): EcrError {
  return new EcrError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  );
}
