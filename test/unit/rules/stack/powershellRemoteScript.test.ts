/**
 * DG115 in PowerShell: downloaded text run with `iex`/`Invoke-Expression`, under `SHELL ["powershell", …]`, in
 * `powershell -Command "…"` from cmd, and in exec form. Firing cases, near misses, both languages, and that the
 * POSIX cases are unchanged beside them.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG115 } from '../../../../server/src/rules/stack/DG115-remoteScriptPipedToShell';
import { assertBilingual, run, where } from '../hadolint/helpers';

const WIN = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';
const PS = WIN + 'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]\n';

describe('DG115 PowerShell: downloaded text run by iex', () => {
  it('fires under SHELL powershell on iex (…DownloadString), iwr | iex and …DownloadString | Invoke-Expression', () => {
    const text =
      PS +
      "RUN Set-ExecutionPolicy Bypass -Scope Process -Force; iex ((New-Object System.Net.WebClient).DownloadString('https://community.example.org/install.ps1'))\n" +
      'RUN iwr -useb https://get.example.org | iex\n' +
      "RUN (New-Object Net.WebClient).DownloadString('https://tools.example.org/setup.ps1') | Invoke-Expression\n";
    const w = where(DG115, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [
      [3, "iex ((New-Object System.Net.WebClient).DownloadString('https://community.example.org/install.ps1'))"],
      [4, 'iwr -useb https://get.example.org | iex'],
      [5, "(New-Object Net.WebClient).DownloadString('https://tools.example.org/setup.ps1') | Invoke-Expression"],
    ]);
    assert.equal(w[0].en, "`https://community.example.org/install.ps1` is run by PowerShell's `iex` without any check of what was downloaded");
    assert.equal(w[0].ko, '내려받은 스크립트를 확인 없이 PowerShell `iex` 명령으로 실행합니다: `https://community.example.org/install.ps1`');
    assert.match(w[2].en, /PowerShell's `Invoke-Expression`/);
    assertBilingual(run(DG115, text));
  });

  it('fires on powershell -Command "…" from cmd and in exec form, whatever the case of the words', () => {
    const text =
      WIN +
      "RUN powershell -Command \"Set-ExecutionPolicy Bypass -Force; IEX ((new-object net.webclient).downloadstring('https://community.example.org/install.ps1'))\"\n" +
      'RUN ["powershell", "-Command", "Invoke-Expression (Invoke-WebRequest -Uri https://tools.example.org/a.ps1 -UseBasicParsing).Content"]\n';
    const w = where(DG115, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [
      [2, "IEX ((new-object net.webclient).downloadstring('https://community.example.org/install.ps1'))"],
      [3, 'Invoke-Expression (Invoke-WebRequest -Uri https://tools.example.org/a.ps1 -UseBasicParsing).Content'],
    ]);
  });

  it('follows the downloaded text through a variable to a later iex, across a continuation line', () => {
    const text = '# escape=`\n' + PS + 'RUN $s = (Invoke-RestMethod https://tools.example.org/s.ps1); `\n    iex $s\n';
    const w = where(DG115, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[5, 'iex $s']]);
    assert.match(w[0].en, /^`https:\/\/tools\.example\.org\/s\.ps1` is run by PowerShell's `iex`/);
  });

  it('without a URL written out, still names the iex', () => {
    const [f] = where(DG115, PS + 'RUN iex (iwr $env:INSTALLER_URL -UseBasicParsing).Content\n');
    assert.equal(f.en, "A downloaded script is run by PowerShell's `iex` without any check of what was downloaded");
    assert.equal(f.ko, '내려받은 스크립트를 확인 없이 PowerShell `iex` 명령으로 실행합니다');
  });

  it('stays quiet on a download to a file that is checked before it runs, on iex of local text, and on a download alone', () => {
    const text =
      PS +
      "RUN iwr https://tools.example.org/i.ps1 -OutFile i.ps1; if ((Get-FileHash i.ps1).Hash -ne 'AB12') { exit 1 }; iex (Get-Content i.ps1 -Raw)\n" +
      "RUN Invoke-WebRequest -Uri https://tools.example.org/a.zip -OutFile a.zip; Expand-Archive a.zip -DestinationPath C:\\a\n" +
      "RUN iex 'Write-Host ready'\n" +
      "RUN $c = Get-Content C:\\setup.ps1 -Raw; iex $c\n" +
      "RUN (New-Object Net.WebClient).DownloadFile('https://tools.example.org/t.exe', 'C:\\t.exe')\n" +
      // A variable that holds a download, but the iex runs another one.
      'RUN $d = iwr https://tools.example.org/data.json; $x = "Write-Host hi"; iex $x\n';
    assert.deepEqual(where(DG115, text), []);
  });

  it('the POSIX forms beside it are unchanged: curl | sh still fires, a package named iex does not', () => {
    const text = 'FROM debian:bookworm\nRUN curl -fsSL https://example.org/setup.sh | sh\nRUN apt-get install -y iex && curl -fsSLo /tmp/a https://example.org/a\n';
    assert.deepEqual(where(DG115, text).map((x) => x.line), [2]);
  });
});
