import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './language-detector';

test('English, including short posts without function words, is scorable', () => {
  for (const text of ['Gemini 2.5 Pro rocks', 'The new model is really good', 'lol wtf ChatGPT', 'Claude 😍']) {
    assert.deepEqual(detectLanguage(text), { language: 'en', scorable: true }, text);
  }
});

test('other Latin-script languages are recognised by their function words', () => {
  assert.equal(detectLanguage('el nuevo modelo de Google es muy bueno').language, 'es');
  assert.equal(detectLanguage('le chat est sur la table').language, 'fr');
  assert.equal(detectLanguage('das ist nicht gut, ich bin sehr enttäuscht').language, 'de');
  assert.equal(detectLanguage('eu não gosto do novo modelo, é muito lento').language, 'pt');
  assert.equal(detectLanguage('model baru ini bagus banget dan sangat cepat').language, 'id');
});

test('other scripts are recognised and never scorable', () => {
  assert.deepEqual(detectLanguage('这个模型非常好'), { language: 'zh', scorable: false });
  assert.deepEqual(detectLanguage('このモデルはとても良い'), { language: 'ja', scorable: false });
  assert.deepEqual(detectLanguage('이 모델은 정말 좋아요'), { language: 'ko', scorable: false });
  assert.deepEqual(detectLanguage('Эта модель очень хорошая'), { language: 'ru', scorable: false });
  assert.deepEqual(detectLanguage('هذا النموذج جيد جدا'), { language: 'ar', scorable: false });
});

test('no letters at all: undetermined but scorable (emoji carry sentiment in any language)', () => {
  assert.deepEqual(detectLanguage('🔥🔥🔥 @user #AI https://t.co/x'), { language: 'und', scorable: true });
});
