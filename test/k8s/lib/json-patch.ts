/** RFC 6902 operations that kustomize's JSON patches use here: add, replace, remove, test. */
export interface JsonPatchOp {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

/** Applies the operations to a deep copy of `doc`; a missing path throws, as in kustomize. */
export function applyJsonPatch<T>(doc: T, ops: JsonPatchOp[]): T {
  const root = structuredClone(doc) as unknown as Container;
  for (const op of ops) applyOne(root, op);
  return root as unknown as T;
}

function applyOne(root: Container, op: JsonPatchOp): void {
  if (!['add', 'replace', 'remove', 'test'].includes(op.op))
    throw new Error(`JSON patch operation ${op.op} is not supported`);
  const tokens = op.path
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!op.path.startsWith('/') || tokens.length === 0)
    throw new Error(`JSON patch path must point inside the document: ${op.path}`);
  const last = tokens.pop() as string;
  let parent: unknown = root;
  for (const token of tokens) {
    parent = child(parent, token, op.path);
  }
  if (!parent || typeof parent !== 'object') throw new Error(`no parent for ${op.path}`);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length)
      throw new Error(`bad array index in ${op.path}`);
    if (op.op === 'add') parent.splice(index, 0, op.value);
    else if (index >= parent.length) throw new Error(`${op.op}: nothing at ${op.path}`);
    else if (op.op === 'replace') parent[index] = op.value;
    else if (op.op === 'remove') parent.splice(index, 1);
    else if (JSON.stringify(parent[index]) !== JSON.stringify(op.value))
      throw new Error(`test failed at ${op.path}`);
    return;
  }
  const object = parent as Record<string, unknown>;
  if (op.op === 'add') object[last] = op.value;
  else if (!(last in object)) throw new Error(`${op.op}: nothing at ${op.path}`);
  else if (op.op === 'replace') object[last] = op.value;
  else if (op.op === 'remove') delete object[last];
  else if (JSON.stringify(object[last]) !== JSON.stringify(op.value))
    throw new Error(`test failed at ${op.path}`);
}

function child(node: unknown, token: string, path: string): unknown {
  if (Array.isArray(node)) {
    const index = Number(token);
    if (!Number.isInteger(index) || index < 0 || index >= node.length)
      throw new Error(`nothing at ${path}`);
    return node[index];
  }
  if (node && typeof node === 'object' && token in node)
    return (node as Record<string, unknown>)[token];
  throw new Error(`nothing at ${path}`);
}
