// Generated case-handling forms for the bench: `n` fields in a table layout (legacy JSP) or a div layout
// (Element UI), with the real labels of a penalty decision among generic ones.
const REAL = [
  ['当事人名称', '上海禾味坊食品有限公司'],
  ['统一社会信用代码（注册号）', '91310115MA125MLR27'],
  ['行政处罚决定书文号', ''],
  ['案件编号', '3101152024000312'],
  ['案由', '未取得食品生产许可从事食品生产'],
  ['处罚依据', '《中华人民共和国食品安全法》第一百二十二条第一款'],
  ['处罚内容', '没收违法所得人民币12860元，罚款人民币354000元，吊销食品经营许可证'],
  ['罚款金额（元）', '354000'],
  ['裁量等级', '一般'],
];

function cell(i) {
  const [label, value] = REAL[i] ?? [`检查记录${i}`, `第${i}项记录内容`];
  return {
    label,
    value: value.replace(/"/g, '&quot;'),
    kind: i >= REAL.length && i % 17 === 0 ? 'textarea' : i >= REAL.length && i % 13 === 0 ? 'select' : 'input',
  };
}

function control(c, i) {
  if (c.kind === 'textarea') return `<textarea name="f${i}">${c.value}</textarea>`;
  if (c.kind === 'select') return `<select name="f${i}"><option>甲</option><option selected>${c.value}</option></select>`;
  return `<input name="f${i}" value="${c.value}">`;
}

export function generateForm(n, layout) {
  const cells = Array.from({ length: n }, (_, i) => cell(i));
  let body;
  if (layout === 'table') {
    const rows = [];
    for (let i = 0; i < n; i += 2) {
      const a = cells[i];
      const b = cells[i + 1];
      rows.push(
        `<tr><td class="label"><span style="color:red">*</span>${a.label}：</td><td>${control(a, i)}</td>` +
          (b ? `<td class="label">${b.label}：</td><td>${control(b, i + 1)}</td>` : '<td colspan="2"></td>') +
          '</tr>',
      );
    }
    body = `<table border="1">${rows.join('')}</table>`;
  } else {
    body = cells
      .map(
        (c, i) =>
          `<div class="el-form-item"><label class="el-form-item__label">${c.label}</label><div class="el-form-item__content"><div class="el-input">${control(c, i)}</div></div></div>`,
      )
      .join('');
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>行政处罚决定书</title></head><body><h1>行政处罚决定书</h1><form action="submit" method="post">${body}</form></body></html>`;
}
