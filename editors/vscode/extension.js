// The critc extension: starts `critc lsp` (from the user's environment, or the command
// named by the `critc.path` setting) and connects VS Code to it for .crit files.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("critc");
  const command = settings.get("path", "critc");
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const server = {
    command,
    args: ["lsp"],
    options: folder ? { cwd: folder.uri.fsPath } : {},
  };
  client = new LanguageClient(
    "critc",
    "critc language server",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "crit" }, { scheme: "untitled", language: "crit" }],
      initializationOptions: { debounce: settings.get("debounce", 200) },
    },
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("critc.path")) {
        vscode.window.showInformationMessage("critc: reload the window to use the new critc.path");
      }
    }),
  );
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `critc: could not start \`${command} lsp\` (${error.message}). ` +
        "Install critc with its lsp extra (pip install 'critc[lsp]') or set critc.path.",
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
