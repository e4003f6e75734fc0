namespace Pipeline.Core.Report;

/// <summary>
/// The CSS and the one small script every page inlines (no CDN, no framework, no fetch: pages work from file:// and
/// on GitHub Pages). Without scripts the pages stay usable: tables and static charts; the controls hide themselves.
/// </summary>
internal static class SiteAssets
{
    public const string Css = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
header{background:#24292f;color:#fff;padding:10px 20px}header a{color:#fff;margin-right:16px;text-decoration:none;font-weight:600}
main{padding:16px 20px;max-width:1280px}h1{font-size:22px;margin:8px 0 12px}h2{font-size:17px;margin:22px 0 8px}
table{border-collapse:collapse;margin:6px 0 14px}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:320px}
.muted{color:#656d76}.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}.diff{background:#fff8c5}
.alias{display:inline-block;background:#ddf4ff;border-radius:10px;padding:0 8px;margin-right:4px}
.js-only{display:none}html.js .js-only{display:inline-block}
figure.chart{display:inline-block;margin:6px 12px 12px 0;border:1px solid #d0d7de;padding:6px}figure.chart figcaption{font-weight:600}
.chart .log{display:none}.chart.logscale .lin{display:none}.chart.logscale .log{display:inline}
.chart svg{display:block}.chart text{font-size:10px;fill:#656d76}.chart .grid{stroke:#eaeef2}.chart .axis{stroke:#8c959f}
.chart .line{fill:none;stroke-width:1.5}.chart .bad{fill:#cf222e}.legend span{margin-right:12px}
input.filter{padding:4px 8px;width:320px;margin:4px 0}
""";

    public const string Script = """
document.documentElement.classList.add('js');
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){
    th.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending';
      t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      function key(r){var c=r.cells[i];if(!c)return null;var v=c.getAttribute('data-v');if(v===null)v=c.textContent;
        if(v==='NaN'||v.trim()==='')return null;var n=parseFloat(v);return isNaN(n)||!/^[-+0-9.eE]+$/.test(v.trim())?v:n}
      rows.sort(function(a,b){var x=key(a),y=key(b);if(x===y)return 0;if(x===null||x==='')return 1;if(y===null||y==='')return -1;
        var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return asc?c:-c});
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
});
document.querySelectorAll('input.filter').forEach(function(f){
  var t=document.getElementById(f.getAttribute('data-table'));
  var out=document.getElementById(f.getAttribute('data-count'));
  f.addEventListener('input',function(){
    var q=f.value.toLowerCase(),shown=0;
    Array.prototype.forEach.call(t.tBodies[0].rows,function(r){var ok=r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!ok;if(ok)shown++});
    if(out)out.textContent=shown+' shown';
  });
});
document.querySelectorAll('input.logscale').forEach(function(c){
  c.addEventListener('change',function(){document.getElementById(c.getAttribute('data-chart')).classList.toggle('logscale',c.checked)});
});
document.querySelectorAll('input.series').forEach(function(c){
  c.addEventListener('change',function(){
    document.querySelectorAll('[data-series="'+c.value+'"]').forEach(function(g){g.style.display=c.checked?'':'none'})});
});
""";
}
