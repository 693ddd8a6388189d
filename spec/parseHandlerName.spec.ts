import assert from 'node:assert/strict';
import { parseHandlerName } from '../src/parseHandlerName.js';

describe('parseHandlerName', () => {
  it('splits path/module.export at the last slash and the first dot after it', () => {
    assert.deepEqual(parseHandlerName('src/v1.2/app.handler'), { directory: 'src/v1.2/', module: 'app', exportPath: 'handler' });
    assert.deepEqual(parseHandlerName('app.obj.fn'), { directory: '', module: 'app', exportPath: 'obj.fn' });
  });

  it('is undefined without a module name or an export name', () => {
    for (const value of ['', 'app', 'app.', '.handler', 'src/.handler', 'src/app', 'a.b/']) {
      assert.equal(parseHandlerName(value), undefined, value);
    }
  });
});
