// The explorer's registry memory in VS Code's global state: the account each registry source
// reached (account ids, never credentials) and the profile picked for each group of registries.
import type * as vscode from 'vscode';
import type { RegistryMemory } from '../explorer/registryRows';

const ACCOUNTS = 'ecr.registryAccounts';
const PREFERRED = 'ecr.preferredRegistries';

export function registryMemory(state: vscode.Memento): RegistryMemory {
  const read = (key: string) => state.get<Record<string, string>>(key, {});
  const write = (key: string, name: string, value: string) => {
    const current = read(key);
    if (current[name] !== value) void state.update(key, { ...current, [name]: value });
  };
  return {
    account: (id) => read(ACCOUNTS)[id],
    preferred: (key) => read(PREFERRED)[key],
    rememberAccount: (id, account) => write(ACCOUNTS, id, account),
    prefer: (key, id) => write(PREFERRED, key, id),
  };
}
