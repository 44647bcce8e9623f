// The explorer's registry memory in VS Code's global state: the account each registry source
// reached (account ids, never credentials) and the profile picked for each group of registries.
import type * as vscode from 'vscode';
import type { RegistryMemory } from '../explorer/registryRows';

const ACCOUNTS = 'ecr.registryAccounts';
const PREFERRED = 'ecr.preferredRegistries';

/**
 * Read once, then kept here and written through: global state can hand back an older snapshot for
 * a moment after two quick writes (an account remembered, then a profile picked), and the view
 * must not switch back to the profile the user just left.
 */
export function registryMemory(state: vscode.Memento): RegistryMemory {
  const values = { [ACCOUNTS]: { ...state.get<Record<string, string>>(ACCOUNTS, {}) }, [PREFERRED]: { ...state.get<Record<string, string>>(PREFERRED, {}) } };
  const write = (key: typeof ACCOUNTS | typeof PREFERRED, name: string, value: string) => {
    if (values[key][name] === value) return;
    values[key] = { ...values[key], [name]: value };
    void state.update(key, values[key]);
  };
  return {
    account: (id) => values[ACCOUNTS][id],
    preferred: (key) => values[PREFERRED][key],
    rememberAccount: (id, account) => write(ACCOUNTS, id, account),
    prefer: (key, id) => write(PREFERRED, key, id),
  };
}
