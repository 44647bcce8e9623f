// VS Code's proxy settings, handed to the AWS side as plain options (src/aws has no vscode import).
// The environment (HTTPS_PROXY, NO_PROXY, AWS_CA_BUNDLE, ...) is read there, after these.
import * as vscode from 'vscode';
import type { NetworkOptions } from '../aws/network';

const KEYS = ['proxy', 'proxyStrictSSL', 'noProxy', 'proxyAuthorization', 'proxySupport'];

export function readNetworkOptions(): NetworkOptions {
  const http = vscode.workspace.getConfiguration('http');
  // "off" turns proxy support off for extensions; then only the environment applies (as for the AWS CLI).
  const off = http.get<string>('proxySupport') === 'off';
  const authorization = http.get<unknown>('proxyAuthorization');
  return {
    proxy: off ? undefined : http.get<string>('proxy')?.trim() || undefined,
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
    noProxy: off ? undefined : http.get<string[]>('noProxy', []).filter((entry) => typeof entry === 'string'),
    proxyAuthorization: !off && typeof authorization === 'string' && authorization ? authorization : undefined,
  };
}

/** Calls `listener` when one of the `http.*` settings read above changes. */
export function onNetworkChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (KEYS.some((key) => e.affectsConfiguration(`http.${key}`))) listener();
  });
}
