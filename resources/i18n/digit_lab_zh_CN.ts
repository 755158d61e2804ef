<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationsPage</name>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Feature maps of the chosen layer</source>
        <translation>所选层的特征图</translation>
    </message>
    <message>
        <source>Unit values of the chosen layer</source>
        <translation>所选层各单元的值</translation>
    </message>
    <message>
        <source>draw a digit in the Draw tab</source>
        <translation>请在“手写”标签页中写一个数字</translation>
    </message>
    <message>
        <source>logits (the last layer&apos;s raw scores)</source>
        <translation>logits（最后一层的原始得分）</translation>
    </message>
    <message>
        <source>softmax: exp(logit) / sum of exp = probabilities</source>
        <translation>softmax：exp(logit) / exp 之和 = 概率</translation>
    </message>
    <message>
        <source>{name} ({kind}): {maps} feature maps of {height}x{width}; min {low:.3g}, max {high:.3g}</source>
        <translation>{name}（{kind}）：{maps} 个 {height}x{width} 的特征图；最小 {low:.3g}，最大 {high:.3g}</translation>
    </message>
    <message>
        <source>{name} ({kind}): {count} units; min {low:.3g}, max {high:.3g}</source>
        <translation>{name}（{kind}）：{count} 个单元；最小 {low:.3g}，最大 {high:.3g}</translation>
    </message>
    <message>
        <source>{name} ({kind}): {count} units, {width} a row; min {low:.3g}, max {high:.3g}</source>
        <translation>{name}（{kind}）：{count} 个单元，每行 {width} 个；最小 {low:.3g}，最大 {high:.3g}</translation>
    </message>
</context>
<context>
    <name>ChainEditor</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Steps of the chain</source>
        <translation>处理链的步骤</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>{help} Untick to skip this step.</source>
        <translation>{help} 取消勾选可跳过此步骤。</translation>
    </message>
    <message>
        <source>Parameters (select a step)</source>
        <translation>参数（请选择一个步骤）</translation>
    </message>
    <message>
        <source>Parameters: {operation}</source>
        <translation>参数：{operation}</translation>
    </message>
    <message>
        <source>(no parameters)</source>
        <translation>（无参数）</translation>
    </message>
</context>
<context>
    <name>ClassCountsPlot</name>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>每个类别的图像数</translation>
    </message>
</context>
<context>
    <name>ClassificationView</name>
    <message>
        <source>Decision boundary (filled: train, ringed: test)</source>
        <translation>决策边界（实心：训练，空心：测试）</translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Load 2-D points</source>
        <translation>载入二维点</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>no CSV file loaded yet: use &apos;Load CSV&apos;</source>
        <translation>尚未载入 CSV 文件：请点击“载入 CSV”</translation>
    </message>
    <message>
        <source>{note}; the map shows {shown:,} of them</source>
        <translation>{note}；图中显示其中 {shown:,} 个</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix (click a cell)</source>
        <translation>混淆矩阵（点击单元格）</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
</context>
<context>
    <name>CurvePlot</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
</context>
<context>
    <name>DataControls</name>
    <message>
        <source>Load CSV (x, y, label)...</source>
        <translation>载入 CSV（x, y, 标签）...</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Points per class</source>
        <translation>每类点数</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>高斯团</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>正在载入 {file}…</translation>
    </message>
</context>
<context>
    <name>DataDialog</name>
    <message>
        <source>Dataset not found</source>
        <translation>未找到数据集</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Downloading {dataset} into {folder}…</source>
        <translation>正在将 {dataset} 下载到 {folder}…</translation>
    </message>
    <message>
        <source>Downloading the dataset</source>
        <translation>正在下载数据集</translation>
    </message>
    <message>
        <source>Downloading {file}: {size:.1f} MB</source>
        <translation>正在下载 {file}：{size:.1f} MB</translation>
    </message>
    <message>
        <source>Importing {zip}…</source>
        <translation>正在导入 {zip}…</translation>
    </message>
    <message>
        <source>Importing a dataset</source>
        <translation>正在导入数据集</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>重试下载</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Import zip…</source>
        <translation>导入 zip…</translation>
    </message>
    <message>
        <source>Folder that holds MNIST/raw/</source>
        <translation>包含 MNIST/raw/ 的文件夹</translation>
    </message>
    <message>
        <source>{dataset} cannot be read: the data folder {folder} does not exist.</source>
        <translation>无法读取 {dataset}：数据文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>{dataset} is not on this computer.</source>
        <translation>这台计算机上没有 {dataset}。</translation>
    </message>
    <message>
        <source>Digit Lab reads its files ({files}, or the same with .gz) from {folder}.</source>
        <translation>Digit Lab 从 {folder} 读取它的文件（{files}，或同名的 .gz 文件）。</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Use the bundled MNIST</source>
        <translation>使用内置的 MNIST</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Import dataset from zip</source>
        <translation>从 zip 导入数据集</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Replace the dataset?</source>
        <translation>替换数据集？</translation>
    </message>
    <message>
        <source>{folder} already holds {dataset} files. Replace them with those in {zip}?</source>
        <translation>{folder} 中已有 {dataset} 的文件。要用 {zip} 中的文件替换它们吗？</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Which dataset does {zip} hold?</source>
        <translation>{zip} 包含哪个数据集？</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>数据划分</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>{dataset} is not on this computer (looked in {folder}).</source>
        <translation>这台计算机上没有 {dataset}（已在 {folder} 中查找）。</translation>
    </message>
    <message>
        <source>Loading the {dataset} {split}…</source>
        <translation>正在加载 {dataset} {split}…</translation>
    </message>
    <message>
        <source>Get {dataset}…</source>
        <translation>获取 {dataset}…</translation>
    </message>
    <message>
        <source>training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>每个类别的图像数</translation>
    </message>
    <message>
        <source>{dataset}: {total} {split} · page {page}/{pages}</source>
        <translation>{dataset}：{total} 张{split} · 第 {page}/{pages} 页</translation>
    </message>
    <message>
        <source>{dataset}: {count} of the {total} {split} are {name} · page {page}/{pages}</source>
        <translation>{dataset}：{total} 张{split}中有 {count} 张是 {name} · 第 {page}/{pages} 页</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.gif *.webp);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.gif *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Digit Lab checkpoints (*.pt);;All files (*)</source>
        <translation>Digit Lab 检查点 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{name} (bundled)</source>
        <translation>{name}（内置）</translation>
    </message>
    <message>
        <source>test accuracy {acc:.2f}%</source>
        <translation>测试准确率 {acc:.2f}%</translation>
    </message>
    <message>
        <source>Pen width</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>删除最后一笔 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Start again (Esc or Delete)</source>
        <translation>重新开始 (Esc 或 Delete)</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Read a picture of a digit or a number, a photo of paper too; you can also drop one here</source>
        <translation>识别数字或多位数的图片，纸张照片也可以；也可以把图片拖到这里</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Read the picture on the clipboard (Ctrl+V)</source>
        <translation>识别剪贴板中的图片 (Ctrl+V)</translation>
    </message>
    <message>
        <source>Look inside</source>
        <translation>查看内部</translation>
    </message>
    <message>
        <source>See every layer, and what the decision looked at</source>
        <translation>查看每一层，以及决策关注了哪里</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>笔</translation>
    </message>
    <message>
        <source>Draw a digit or a whole number with the mouse or a pen. Drop or paste a picture (a photo of paper too) to read it.</source>
        <translation>用鼠标或手写笔画一个数字或一个多位数。拖入或粘贴图片（纸张照片也可以）即可识别。</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Use a checkpoint (.pt) written by digit-lab train</source>
        <translation>使用由 `digit-lab train` 写出的检查点 (.pt)</translation>
    </message>
    <message>
        <source>Use bundled model</source>
        <translation>使用内置模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>{value} px</source>
        <translation>{value} 像素</translation>
    </message>
    <message>
        <source>Cannot use this model: {reason}</source>
        <translation>无法使用此模型：{reason}</translation>
    </message>
    <message>
        <source>No model loaded: open a checkpoint to classify.</source>
        <translation>未加载模型：打开一个检查点即可分类。</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>No model loaded: open a checkpoint first.</source>
        <translation>未加载模型：请先打开一个检查点。</translation>
    </message>
    <message>
        <source>The clipboard holds no picture to classify.</source>
        <translation>剪贴板中没有可分类的图片。</translation>
    </message>
    <message>
        <source>{name}: no digit found in it</source>
        <translation>{name}：其中没有找到数字</translation>
    </message>
    <message>
        <source>Prediction failed: {reason}</source>
        <translation>预测失败：{reason}</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Drawing canvas</source>
        <translation>画板</translation>
    </message>
    <message>
        <source>Draw a digit or a number. Ctrl+Z undoes a stroke, Esc or Delete clears. Drop a picture here to read it.</source>
        <translation>画一个数字或一个多位数。Ctrl+Z 撤销一笔，Esc 或 Delete 清除。把图片拖到这里即可识别。</translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
    <message>
        <source>Your work is kept.</source>
        <translation>你的工作已保留。</translation>
    </message>
    <message>
        <source>Details are in the log: {file}.</source>
        <translation>详细信息在日志中：{file}。</translation>
    </message>
    <message>
        <source>Digit Lab</source>
        <translation>Digit Lab</translation>
    </message>
    <message>
        <source>Digit Lab cannot start</source>
        <translation>Digit Lab 无法启动</translation>
    </message>
    <message>
        <source>Digit Lab could not start: {error}</source>
        <translation>Digit Lab 无法启动：{error}</translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message>
        <source>Start sweep</source>
        <translation>开始参数扫描</translation>
    </message>
    <message>
        <source>Run every trial as a training run of its own</source>
        <translation>每个试验都作为一次独立的训练运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the running trials; finished trials and their runs are kept</source>
        <translation>停止正在运行的试验；已完成的试验及其运行会保留</translation>
    </message>
    <message>
        <source>Open sweep…</source>
        <translation>打开参数扫描…</translation>
    </message>
    <message>
        <source>Show a finished sweep again from its record</source>
        <translation>根据记录重新显示已完成的参数扫描</translation>
    </message>
    <message>
        <source>No sweep yet.</source>
        <translation>尚无参数扫描。</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>best {acc:.2%} ({trial})</source>
        <translation>最佳 {acc:.2%}（{trial}）</translation>
    </message>
    <message>
        <source>no result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>{name}: {done} of {total} trials finished; {best}.</source>
        <translation>{name}：{total} 个试验中已完成 {done} 个；{best}。</translation>
    </message>
    <message>
        <source>{name} finished: {done} of {total} trials; {best}.</source>
        <translation>{name} 已完成：{total} 个试验中完成 {done} 个；{best}。</translation>
    </message>
    <message>
        <source>{name} stopped: {done} of {total} trials finished; {best}.</source>
        <translation>{name} 已停止：{total} 个试验中已完成 {done} 个；{best}。</translation>
    </message>
    <message>
        <source>{name} failed: {done} of {total} trials finished; {best}.</source>
        <translation>{name} 失败：{total} 个试验中已完成 {done} 个；{best}。</translation>
    </message>
    <message>
        <source>The sweep</source>
        <translation>参数扫描</translation>
    </message>
    <message>
        <source>Cannot start the sweep</source>
        <translation>无法开始参数扫描</translation>
    </message>
    <message>
        <source>Starting {name}…</source>
        <translation>正在启动 {name}…</translation>
    </message>
    <message>
        <source>Stopping the sweep; finished trials are kept…</source>
        <translation>正在停止参数扫描；已完成的试验会保留…</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>退出码 {code}</translation>
    </message>
    <message>
        <source>The sweep failed</source>
        <translation>参数扫描失败</translation>
    </message>
    <message>
        <source>The sweep failed: {reason}</source>
        <translation>参数扫描失败：{reason}</translation>
    </message>
    <message>
        <source>The sweep could not run: {reason}</source>
        <translation>参数扫描无法运行：{reason}</translation>
    </message>
    <message>
        <source>Cannot open the trial</source>
        <translation>无法打开该试验</translation>
    </message>
    <message>
        <source>{trial} has no run folder yet.</source>
        <translation>{trial} 还没有运行文件夹。</translation>
    </message>
    <message>
        <source>Open sweep</source>
        <translation>打开参数扫描</translation>
    </message>
    <message>
        <source>Sweep records (*.sweep.json);;All files (*)</source>
        <translation>参数扫描记录 (*.sweep.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the sweep</source>
        <translation>无法打开参数扫描</translation>
    </message>
    <message>
        <source>A sweep</source>
        <translation>一个参数扫描</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>ONNX model (.onnx)</source>
        <translation>ONNX 模型 (.onnx)</translation>
    </message>
    <message>
        <source>Python script (.py)</source>
        <translation>Python 脚本 (.py)</translation>
    </message>
    <message>
        <source>Jupyter notebook (.ipynb)</source>
        <translation>Jupyter 笔记本 (.ipynb)</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>Jupyter notebooks (*.ipynb)</source>
        <translation>Jupyter 笔记本 (*.ipynb)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Preview of the file</source>
        <translation>文件预览</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cannot export {source}: {error}</source>
        <translation>无法导出 {source}：{error}</translation>
    </message>
    <message>
        <source>Export {origin} ({model})</source>
        <translation>导出 {origin}（{model}）</translation>
    </message>
    <message>
        <source>This run has no checkpoint yet: an ONNX model needs its weights</source>
        <translation>这个运行还没有检查点：ONNX 模型需要它的权重</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Cannot export this as a {format}: {error}</source>
        <translation>无法导出为{format}：{error}</translation>
    </message>
    <message>
        <source>Save {format}</source>
        <translation>保存{format}</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>{error}

The log file holds the details.</source>
        <translation>{error}

日志文件中有详细信息。</translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <source>Fine-tune on my digits</source>
        <translation>用我的数字微调</translation>
    </message>
    <message>
        <source>Reading your digits and MNIST…</source>
        <translation>正在读取你的数字和 MNIST…</translation>
    </message>
    <message>
        <source>Use the fine-tuned model</source>
        <translation>使用微调后的模型</translation>
    </message>
    <message>
        <source>Training step {step} of {steps}, loss {loss:.3f}</source>
        <translation>训练第 {step}/{steps} 步，损失 {loss:.3f}</translation>
    </message>
    <message>
        <source>Calibrating when to say “not sure”…</source>
        <translation>正在校准何时说“不确定”…</translation>
    </message>
    <message>
        <source>Measuring accuracy…</source>
        <translation>正在测量准确率…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Stopped; the model is unchanged.</source>
        <translation>已停止；模型未改变。</translation>
    </message>
    <message>
        <source>Done. Saved as {path}</source>
        <translation>完成。已保存为 {path}</translation>
    </message>
    <message>
        <source>Your held-back digits ({held}): {before:.1%} → {after:.1%}</source>
        <translation>你留出的数字（{held} 个）：{before:.1%} → {after:.1%}</translation>
    </message>
    <message>
        <source>MNIST test: {before:.2%} → {after:.2%}</source>
        <translation>MNIST 测试集：{before:.2%} → {after:.2%}</translation>
    </message>
    <message>
        <source>Fine-tuning failed: {message}</source>
        <translation>微调失败：{message}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>GalleryDialog</name>
    <message>
        <source>My digits</source>
        <translation>我的数字</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Import zip…</source>
        <translation>导入 zip…</translation>
    </message>
    <message>
        <source>Export zip…</source>
        <translation>导出 zip…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{label} (unreadable)</source>
        <translation>{label}（无法读取）</translation>
    </message>
    <message>
        <source>{count} digits in {folder} ({counts})</source>
        <translation>{folder} 中有 {count} 个数字（{counts}）</translation>
    </message>
    <message>
        <source>Import digits</source>
        <translation>导入数字</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Export digits</source>
        <translation>导出数字</translation>
    </message>
</context>
<context>
    <name>GuessView</name>
    <message>
        <source>draw a digit or a number</source>
        <translation>画一个数字或多位数</translation>
    </message>
    <message>
        <source>not sure — is this a digit?</source>
        <translation>不确定——这是数字吗？</translation>
    </message>
    <message>
        <source>The image exactly as the model receives it: cleaned if it is a photo, cut out of the number, cropped to the ink, fitted into 20x20, centred by mass in 28x28, white on black like MNIST.</source>
        <translation>模型实际接收到的图像：若是照片则先清理，从多位数中切出，按笔迹裁剪，缩放到 20x20，按质心居中于 28x28，像 MNIST 一样黑底白字。</translation>
    </message>
    <message>
        <source>what the model sees (28×28)</source>
        <translation>模型看到的图像 (28×28)</translation>
    </message>
    <message>
        <source>not sure about digit(s) {which}: are they digits?</source>
        <translation>对第 {which} 位没有把握：它们是数字吗？</translation>
    </message>
    <message>
        <source>digit {i} of {n}: {label}, {sure:.1f}% sure</source>
        <translation>第 {i} 位（共 {n} 位）：{label}，置信度 {sure:.1f}%</translation>
    </message>
    <message>
        <source>{sure:.1f}% sure</source>
        <translation>置信度 {sure:.1f}%</translation>
    </message>
    <message>
        <source>looks most like {label} ({sure:.1f}%)</source>
        <translation>最像 {label}（{sure:.1f}%）</translation>
    </message>
    <message>
        <source>what the model sees (28×28), from the cleaned-up photo</source>
        <translation>模型看到的图像 (28×28)，来自清理后的照片</translation>
    </message>
    <message>
        <source>Show this digit&apos;s probabilities</source>
        <translation>显示这个数字的概率</translation>
    </message>
</context>
<context>
    <name>HistogramPlot</name>
    <message>
        <source>intensity (fraction of range)</source>
        <translation>强度（占范围的比例）</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素数</translation>
    </message>
    <message>
        <source>cumulative (CDF)</source>
        <translation>累积分布 (CDF)</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>weight histogram per epoch (darker: more weights)</source>
        <translation>每轮次的权重直方图（越深：权重越多）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>weight value</source>
        <translation>权重值</translation>
    </message>
    <message>
        <source>gradient norm over each epoch&apos;s batches</source>
        <translation>每轮次各批次的梯度范数</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
</context>
<context>
    <name>ImagePair</name>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Before and after images</source>
        <translation>处理前后的图像</translation>
    </message>
</context>
<context>
    <name>ImageToolsPanel</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Lesson: grayscale, CLAHE, Canny, fill holes</source>
        <translation>课程：灰度、CLAHE、Canny、填充孔洞</translation>
    </message>
    <message>
        <source>Contrast stretch 2-98%</source>
        <translation>对比度拉伸 2-98%</translation>
    </message>
    <message>
        <source>Histogram equalization</source>
        <translation>直方图均衡化</translation>
    </message>
    <message>
        <source>Adaptive equalization (CLAHE)</source>
        <translation>自适应均衡化 (CLAHE)</translation>
    </message>
    <message>
        <source>Otsu threshold</source>
        <translation>Otsu 阈值</translation>
    </message>
    <message>
        <source>Clean up a photo of digits</source>
        <translation>清理数字照片</translation>
    </message>
    <message>
        <source>astronaut</source>
        <translation>宇航员</translation>
    </message>
    <message>
        <source>brick</source>
        <translation>砖墙</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>摄影师</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>细胞</translation>
    </message>
    <message>
        <source>chelsea</source>
        <translation>猫（Chelsea）</translation>
    </message>
    <message>
        <source>clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>coffee</source>
        <translation>咖啡</translation>
    </message>
    <message>
        <source>coins</source>
        <translation>硬币</translation>
    </message>
    <message>
        <source>colorwheel</source>
        <translation>色轮</translation>
    </message>
    <message>
        <source>grass</source>
        <translation>草地</translation>
    </message>
    <message>
        <source>gravel</source>
        <translation>碎石</translation>
    </message>
    <message>
        <source>hubble_deep_field</source>
        <translation>哈勃深空</translation>
    </message>
    <message>
        <source>immunohistochemistry</source>
        <translation>免疫组化切片</translation>
    </message>
    <message>
        <source>logo</source>
        <translation>徽标</translation>
    </message>
    <message>
        <source>microaneurysms</source>
        <translation>微动脉瘤（眼底）</translation>
    </message>
    <message>
        <source>moon</source>
        <translation>月球</translation>
    </message>
    <message>
        <source>page</source>
        <translation>书页</translation>
    </message>
    <message>
        <source>retina</source>
        <translation>视网膜</translation>
    </message>
    <message>
        <source>rocket</source>
        <translation>火箭</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>No image. Open one, drop a file here, or pick a sample.</source>
        <translation>没有图像。打开一个、把文件拖到这里，或选择一个示例。</translation>
    </message>
    <message>
        <source>Show masks over the image</source>
        <translation>在图像上显示掩膜</translation>
    </message>
    <message>
        <source>Operations, applied top to bottom</source>
        <translation>操作（从上到下依次执行）</translation>
    </message>
    <message>
        <source>Save result…</source>
        <translation>保存结果…</translation>
    </message>
    <message>
        <source>Export histogram</source>
        <translation>导出直方图</translation>
    </message>
    <message>
        <source>Result histogram as CSV…</source>
        <translation>结果直方图导出为 CSV…</translation>
    </message>
    <message>
        <source>Result histogram as PNG…</source>
        <translation>结果直方图导出为 PNG…</translation>
    </message>
    <message>
        <source>Before: histogram and CDF</source>
        <translation>之前：直方图与累积分布</translation>
    </message>
    <message>
        <source>After: histogram and CDF</source>
        <translation>之后：直方图与累积分布</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <source>Before: {name}</source>
        <translation>之前：{name}</translation>
    </message>
    <message>
        <source>Could not open the image: {reason}. The current image stays.</source>
        <translation>无法打开图像：{reason}。当前图像保持不变。</translation>
    </message>
    <message>
        <source>Could not open the image: {reason}.</source>
        <translation>无法打开图像：{reason}。</translation>
    </message>
    <message>
        <source>After: unchanged</source>
        <translation>之后：未改变</translation>
    </message>
    <message>
        <source>After: 1 step</source>
        <translation>之后：1 个步骤</translation>
    </message>
    <message>
        <source>After: {count} steps</source>
        <translation>之后：{count} 个步骤</translation>
    </message>
    <message>
        <source>{reason}. The last result stays on screen.</source>
        <translation>{reason}。上一次的结果保留在屏幕上。</translation>
    </message>
    <message>
        <source>x={x} y={y}  before {value}</source>
        <translation>x={x} y={y}  之前 {value}</translation>
    </message>
    <message>
        <source>  after {value}</source>
        <translation>  之后 {value}</translation>
    </message>
    <message>
        <source>Save result</source>
        <translation>保存结果</translation>
    </message>
    <message>
        <source>Could not save {name}: {reason}</source>
        <translation>无法保存 {name}：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Could not export {name}: {reason}</source>
        <translation>无法导出 {name}：{reason}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>What it looked at</source>
        <translation>它看了哪里</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>Learned weights</source>
        <translation>学到的权重</translation>
    </message>
    <message>
        <source>Weights over training</source>
        <translation>训练中的权重</translation>
    </message>
    <message>
        <source>Pop out</source>
        <translation>弹出窗口</translation>
    </message>
    <message>
        <source>Show these pages in their own window, to watch them while you draw in the Draw tab</source>
        <translation>在独立窗口中显示这些页面，便于在“手写”标签页写字时同时观察</translation>
    </message>
    <message>
        <source>These pages are in their own window (Bring back, or close it).</source>
        <translation>这些页面已在独立窗口中（点击“收回”或关闭该窗口）。</translation>
    </message>
    <message>
        <source>Digit Lab - Inside</source>
        <translation>Digit Lab - 模型内部</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>收回</translation>
    </message>
    <message>
        <source>Cannot use this model: {reason}</source>
        <translation>无法使用此模型：{reason}</translation>
    </message>
    <message>
        <source>{name} (bundled)</source>
        <translation>{name}（内置）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; · {model}: {description}. Draw in the Draw tab; this tab follows.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · {model}：{description}。请在“手写”标签页中书写，本页会随之更新。</translation>
    </message>
    <message>
        <source>first layer</source>
        <translation>第一层</translation>
    </message>
    <message>
        <source>Occlusion: blanking each 4x4 patch in turn…</source>
        <translation>遮挡：依次遮住每个 4x4 小块…</translation>
    </message>
    <message>
        <source>Looking inside failed: {reason}</source>
        <translation>查看模型内部失败：{reason}</translation>
    </message>
</context>
<context>
    <name>LRFinderDialog</name>
    <message>
        <source>Find a learning rate</source>
        <translation>寻找学习率</translation>
    </message>
    <message>
        <source>Trains a throw-away copy of {model} for one pass while the learning rate grows from 0.00001 to 10, and records the loss: too small a rate barely moves it, too large a rate makes it explode.</source>
        <translation>用 {model} 的一个临时副本训练一轮，同时让学习率从 0.00001 增长到 10，并记录损失：学习率太小，损失几乎不动；学习率太大，损失会爆炸。</translation>
    </message>
    <message>
        <source>Loading the training images…</source>
        <translation>正在加载训练图像…</translation>
    </message>
    <message>
        <source>Loss against learning rate</source>
        <translation>损失随学习率的变化</translation>
    </message>
    <message>
        <source>learning rate (log scale)</source>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <source>loss (smoothed)</source>
        <translation>损失（平滑后）</translation>
    </message>
    <message>
        <source>Use this rate</source>
        <translation>使用此学习率</translation>
    </message>
    <message>
        <source>Trying learning rates…</source>
        <translation>正在尝试各个学习率…</translation>
    </message>
    <message>
        <source>Stopped before a suggestion could be made.</source>
        <translation>在给出建议之前已停止。</translation>
    </message>
    <message>
        <source>The curve is too short to suggest a rate; try more images.</source>
        <translation>曲线太短，无法给出学习率建议；请使用更多图像。</translation>
    </message>
    <message>
        <source>Suggested learning rate: {lr:.2g} (dashed line: {rule}).</source>
        <translation>建议的学习率：{lr:.2g}（虚线；{rule}）。</translation>
    </message>
    <message>
        <source>The test failed: {reason}</source>
        <translation>测试失败：{reason}</translation>
    </message>
    <message>
        <source>Cannot find a learning rate</source>
        <translation>无法寻找学习率</translation>
    </message>
    <message>
        <source>Find learning rate…</source>
        <translation>寻找学习率…</translation>
    </message>
    <message>
        <source>Try rates from tiny to huge in one pass and suggest one for these settings</source>
        <translation>在一轮中从极小到极大尝试各个学习率，并为当前设置建议一个值</translation>
    </message>
</context>
<context>
    <name>LabBar</name>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Read the step</source>
        <translation>阅读本步</translation>
    </message>
    <message>
        <source>Show this step&apos;s text in the Labs tab</source>
        <translation>在“实验”标签页中显示这一步的文字</translation>
    </message>
    <message>
        <source>Save my lab report…</source>
        <translation>保存我的实验报告…</translation>
    </message>
    <message>
        <source>Hide the lab guide (View &gt; Lab guide shows it)</source>
        <translation>隐藏实验向导（“视图 &gt; 实验向导”可再显示）</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>This step&apos;s questions</source>
        <translation>这一步的问题</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>No lab is open: choose one in the Labs tab.</source>
        <translation>没有打开的实验：请在“实验”标签页中选择一个。</translation>
    </message>
    <message>
        <source>{lab} — step {number} of {count}: {title}</source>
        <translation>{lab} — 第 {number} 步，共 {count} 步：{title}</translation>
    </message>
    <message>
        <source>{action}, on {dataset}</source>
        <translation>{action}（使用 {dataset}）</translation>
    </message>
    <message>
        <source>Q{number}</source>
        <translation>问题 {number}</translation>
    </message>
    <message>
        <source>No question in this step: read, run, go on.</source>
        <translation>这一步没有问题：阅读、运行，然后继续。</translation>
    </message>
    <message>
        <source>down</source>
        <translation>下降</translation>
    </message>
    <message>
        <source>up</source>
        <translation>上升</translation>
    </message>
    <message>
        <source>exploded</source>
        <translation>爆炸</translation>
    </message>
    <message>
        <source>run {run}: {state}</source>
        <translation>运行 {run}：{state}</translation>
    </message>
</context>
<context>
    <name>LabGuide</name>
    <message>
        <source>Make run {run} first.</source>
        <translation>请先完成运行 {run}。</translation>
    </message>
    <message>
        <source>Run {run} is training: watch the Train tab.</source>
        <translation>运行 {run} 正在训练：请看训练页。</translation>
    </message>
    <message>
        <source>Not started: {reason}</source>
        <translation>未开始：{reason}</translation>
    </message>
    <message>
        <source>Run {run}: {state}. Now answer the question.</source>
        <translation>运行 {run}：{state}。现在请回答问题。</translation>
    </message>
    <message>
        <source>This question is answered from your run {run}: make it first with the action of step {step}, and let it finish.</source>
        <translation>此题根据你的运行 {run} 作答：请先用第 {step} 步的操作完成它，并等它结束。</translation>
    </message>
    <message>
        <source>Type or pick your answer first.</source>
        <translation>请先输入或选择你的答案。</translation>
    </message>
    <message>
        <source>Working out the answer from your run…</source>
        <translation>正在根据你的运行计算答案…</translation>
    </message>
    <message>
        <source>Cannot check this answer: {reason}</source>
        <translation>无法检查这个答案：{reason}</translation>
    </message>
</context>
<context>
    <name>LabSteps</name>
    <message>
        <source>Train {model}, {epochs} epochs</source>
        <translation>训练 {model}，{epochs} 轮</translation>
    </message>
    <message>
        <source>Open the Playground</source>
        <translation>打开游乐场</translation>
    </message>
    <message>
        <source>Open Image tools</source>
        <translation>打开图像工具</translation>
    </message>
    <message>
        <source>Show run {run}</source>
        <translation>显示运行 {run}</translation>
    </message>
    <message>
        <source>Open the {tab} tab</source>
        <translation>打开“{tab}”标签页</translation>
    </message>
    <message>
        <source>Run this</source>
        <translation>运行这一步</translation>
    </message>
    <message>
        <source>Sets the Train tab to: {settings}; then starts training.</source>
        <translation>把训练页设为：{settings}；然后开始训练。</translation>
    </message>
    <message>
        <source>not made yet</source>
        <translation>尚未生成</translation>
    </message>
    <message>
        <source>training…</source>
        <translation>训练中…</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>**Question:** {ask}</source>
        <translation>**问题**：{ask}</translation>
    </message>
    <message>
        <source>**Action:** {action} (the button in the lab bar)</source>
        <translation>**操作**：{action}（实验课向导栏中的按钮）</translation>
    </message>
</context>
<context>
    <name>LabText</name>
    <message>
        <source>Link not opened</source>
        <translation>未打开链接</translation>
    </message>
    <message>
        <source>Labs can only link to web pages (http or https): {address}</source>
        <translation>实验只能链接到网页（http 或 https）：{address}</translation>
    </message>
    <message>
        <source>Open web page?</source>
        <translation>打开网页？</translation>
    </message>
    <message>
        <source>Open this address in your web browser?

{address}</source>
        <translation>在网页浏览器中打开这个地址吗？

{address}</translation>
    </message>
</context>
<context>
    <name>LabsPanel</name>
    <message>
        <source>Lab guide</source>
        <translation>实验向导</translation>
    </message>
    <message>
        <source>Import lab pack…</source>
        <translation>导入实验包…</translation>
    </message>
    <message>
        <source>Add the labs in a zip file to your labs folder</source>
        <translation>把 zip 文件中的实验加入你的实验文件夹</translation>
    </message>
    <message>
        <source>Open labs folder</source>
        <translation>打开实验文件夹</translation>
    </message>
    <message>
        <source>Your own lab files (.md) go here; they appear in this list</source>
        <translation>你自己的实验文件（.md）放在这里，会出现在此列表中</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Start this lab</source>
        <translation>开始此实验</translation>
    </message>
    <message>
        <source>Save my lab report…</source>
        <translation>保存我的实验报告…</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Step text</source>
        <translation>步骤说明</translation>
    </message>
    <message>
        <source>⚠ {error}</source>
        <translation>⚠ {error}</translation>
    </message>
    <message>
        <source>No labs found.</source>
        <translation>没有找到实验。</translation>
    </message>
    <message>
        <source>This lab file cannot be used:</source>
        <translation>此实验文件无法使用：</translation>
    </message>
    <message>
        <source>(This lab has no text in your language; shown in English.)</source>
        <translation>（此实验没有你的语言版本，以英文显示。）</translation>
    </message>
    <message>
        <source>Continue this lab</source>
        <translation>继续此实验</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>{number}. {title}</source>
        <translation>{number}. {title}</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>实验课</translation>
    </message>
    <message>
        <source>No lab open</source>
        <translation>没有打开的实验</translation>
    </message>
    <message>
        <source>Start a lab first.</source>
        <translation>请先开始一个实验。</translation>
    </message>
    <message>
        <source>Save my lab report</source>
        <translation>保存我的实验报告</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <source>Import lab pack</source>
        <translation>导入实验包</translation>
    </message>
    <message>
        <source>Lab packs (*.zip)</source>
        <translation>实验包 (*.zip)</translation>
    </message>
    <message>
        <source>Imported {count} lab files.</source>
        <translation>已导入 {count} 个实验文件。</translation>
    </message>
    <message>
        <source>No labs folder</source>
        <translation>没有实验文件夹</translation>
    </message>
</context>
<context>
    <name>LiveTrainingView</name>
    <message>
        <source>training stopped: {reason}</source>
        <translation>训练已停止：{reason}</translation>
    </message>
    <message>
        <source>epoch 0 - not trained yet</source>
        <translation>轮次 0 - 尚未训练</translation>
    </message>
    <message>
        <source>loss {loss:.4f}</source>
        <translation>损失 {loss:.4f}</translation>
    </message>
    <message>
        <source>loss {loss:.4f}, acc {acc:.1%}</source>
        <translation>损失 {loss:.4f}，准确率 {acc:.1%}</translation>
    </message>
    <message>
        <source>epoch {epoch} - train {train} | test {test}</source>
        <translation>轮次 {epoch} - 训练 {train} | 测试 {test}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Digit Lab</source>
        <translation>Digit Lab</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <source>Show a checkpoint&apos;s curves and results, and use it in the Draw tab</source>
        <translation>显示检查点的曲线和结果，并在手写页使用它</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint as…</source>
        <translation>检查点另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the shown run&apos;s model (without optimizer state) to a file</source>
        <translation>把当前显示的运行的模型（不含优化器状态）保存到文件</translation>
    </message>
    <message>
        <source>&amp;Export curves…</source>
        <translation>导出曲线(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the training curves as PNG, SVG and CSV files</source>
        <translation>把训练曲线写成 PNG、SVG 和 CSV 文件</translation>
    </message>
    <message>
        <source>Export &amp;model…</source>
        <translation>导出模型(&amp;M)…</translation>
    </message>
    <message>
        <source>The shown model as ONNX, or its training as a Python script or notebook</source>
        <translation>把当前显示的模型导出为 ONNX，或把它的训练导出为 Python 脚本或笔记本</translation>
    </message>
    <message>
        <source>&amp;Import dataset from zip…</source>
        <translation>从 zip 导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <source>Put MNIST or Fashion-MNIST files from a zip into the data folder</source>
        <translation>将 zip 中的 MNIST 或 Fashion-MNIST 文件放入数据文件夹</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>The log holds the details of every error, for a bug report</source>
        <translation>日志记录了每个错误的详细信息，可用于报告问题</translation>
    </message>
    <message>
        <source>&amp;About Digit Lab</source>
        <translation>关于 Digit Lab(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Larger text, thicker plot lines and high contrast, for a projector</source>
        <translation>更大的文字、更粗的曲线和高对比度，适合投影仪</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom {percent}%</source>
        <translation>缩放 {percent}%</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Digit Lab checkpoints (*.pt);;All files (*)</source>
        <translation>Digit Lab 检查点 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open checkpoint</source>
        <translation>无法打开检查点</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <source>Train a run or open one from the Runs list first.</source>
        <translation>请先训练一个运行，或从“运行”列表打开一个。</translation>
    </message>
    <message>
        <source>Save checkpoint as</source>
        <translation>检查点另存为</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation>检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Cannot save checkpoint</source>
        <translation>无法保存检查点</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>Export curves to folder</source>
        <translation>导出曲线到文件夹</translation>
    </message>
    <message>
        <source>Cannot export curves</source>
        <translation>无法导出曲线</translation>
    </message>
    <message>
        <source>Wrote {count} files to {folder}</source>
        <translation>已写入 {count} 个文件到 {folder}</translation>
    </message>
    <message>
        <source>Dataset imported into the data folder</source>
        <translation>数据集已导入数据文件夹</translation>
    </message>
    <message>
        <source>About Digit Lab</source>
        <translation>关于 Digit Lab</translation>
    </message>
    <message>
        <source>Quit Digit Lab?</source>
        <translation>退出 Digit Lab？</translation>
    </message>
    <message>
        <source>{work} is still running. Stop it and quit? Every finished epoch is kept, and a run can be resumed from its last one.</source>
        <translation>{work}仍在运行。要停止并退出吗？每个已完成的轮次都会保留，运行之后可以从最后一轮继续。</translation>
    </message>
    <message>
        <source>No log folder</source>
        <translation>没有日志文件夹</translation>
    </message>
    <message>
        <source>{folder} cannot be created: {reason}.</source>
        <translation>无法创建 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>Log folder: {folder}</source>
        <translation>日志文件夹：{folder}</translation>
    </message>
    <message>
        <source>PyTorch {version} (CUDA available)</source>
        <translation>PyTorch {version}（CUDA 可用）</translation>
    </message>
    <message>
        <source>PyTorch {version} (CUDA not available)</source>
        <translation>PyTorch {version}（CUDA 不可用）</translation>
    </message>
    <message>
        <source>MNIST, bundled with Digit Lab: by Yann LeCun, Corinna Cortes and Christopher J. C. Burges. Copyright Yann LeCun and Corinna Cortes (a derivative of NIST&apos;s data), made available under the Creative Commons Attribution-Share Alike 3.0 licence (CC BY-SA 3.0).</source>
        <translation>MNIST（随 Digit Lab 一起提供）：作者 Yann LeCun、Corinna Cortes 和 Christopher J. C. Burges。版权归 Yann LeCun 和 Corinna Cortes 所有（源自 NIST 的数据），依据知识共享 署名-相同方式共享 3.0 许可协议（CC BY-SA 3.0）提供。</translation>
    </message>
    <message>
        <source>Fashion-MNIST, downloaded when first used: by Zalando Research (Han Xiao, Kashif Rasul, Roland Vollgraf), under the MIT licence.</source>
        <translation>Fashion-MNIST（首次使用时下载）：作者 Zalando Research（Han Xiao、Kashif Rasul、Roland Vollgraf），采用 MIT 许可协议。</translation>
    </message>
</context>
<context>
    <name>ModelControls</name>
    <message>
        <source>Model and training</source>
        <translation>模型与训练</translation>
    </message>
    <message>
        <source>MLP (with activation)</source>
        <translation>MLP（带激活函数）</translation>
    </message>
    <message>
        <source>Linear (no activation)</source>
        <translation>线性（无激活函数）</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>Units per layer</source>
        <translation>每层单元数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>L2 (weight decay)</source>
        <translation>L2（权重衰减）</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
</context>
<context>
    <name>MyDigitsBox</name>
    <message>
        <source>My digits</source>
        <translation>我的数字</translation>
    </message>
    <message>
        <source>Add to my digits</source>
        <translation>加入我的数字</translation>
    </message>
    <message>
        <source>Save this drawing with its true label</source>
        <translation>用它的真实标签保存这幅手写</translation>
    </message>
    <message>
        <source>Fine-tune on my digits</source>
        <translation>用我的数字微调</translation>
    </message>
    <message>
        <source>Teach the model your hand (mixed with MNIST so it does not forget)</source>
        <translation>让模型学会你的笔迹（混入 MNIST，以免遗忘）</translation>
    </message>
    <message>
        <source>Gallery ({count})</source>
        <translation>图库（{count}）</translation>
    </message>
    <message>
        <source>Draw one digit first, then add it.</source>
        <translation>请先写一个数字，再加入。</translation>
    </message>
    <message>
        <source>Which digit is it really?</source>
        <translation>它实际上是哪个数字？</translation>
    </message>
    <message>
        <source>Added as a {label}.</source>
        <translation>已作为 {label} 加入。</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>Draw</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Image tools</source>
        <translation>图像工具</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>模型内部</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>游乐场</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>实验课</translation>
    </message>
</context>
<context>
    <name>PerClassAccuracyView</name>
    <message>
        <source>Accuracy per class (test)</source>
        <translation>各类别准确率（测试集）</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>accuracy %</source>
        <translation>准确率 %</translation>
    </message>
</context>
<context>
    <name>PlaygroundPanel</name>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Softmax &amp;&amp; cross-entropy</source>
        <translation>Softmax 与交叉熵</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>default: {folder}</source>
        <translation>默认：{folder}</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>The folder that holds MNIST/raw/ (and FashionMNIST/raw/).</source>
        <translation>包含 MNIST/raw/（以及 FashionMNIST/raw/）的文件夹。</translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation>运行文件夹：</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new language applies when Digit Lab starts again.</source>
        <translation>新的语言在 Digit Lab 重新启动后生效。</translation>
    </message>
    <message>
        <source>Cannot save to {path}: {reason}</source>
        <translation>无法保存到 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Probability of each class</source>
        <translation>每个类别的概率</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>RegressionView</name>
    <message>
        <source>Data: y = x³ + noise · U[0, 1)</source>
        <translation>数据：y = x³ + 噪声 · U[0, 1)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>Fitted curve (filled: train, ringed: test)</source>
        <translation>拟合曲线（实心：训练，空心：测试）</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Loss (mean squared error)</source>
        <translation>损失（均方误差）</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Results appear here when a run finishes, or when you open a run from the Runs list or a checkpoint from the File menu.</source>
        <translation>运行结束后，或从“运行”列表打开一个运行、从“文件”菜单打开一个检查点后，结果会显示在这里。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test images&lt;/b&gt;: true → predicted, confidence</source>
        <translation>&lt;b&gt;测试图像&lt;/b&gt;：真实 → 预测，置信度</translation>
    </message>
    <message>
        <source>&lt;b&gt;{prefix}test accuracy {acc}&lt;/b&gt; · loss {loss} · {mistakes} mistakes in {images} test images · model {model}</source>
        <translation>&lt;b&gt;{prefix}测试准确率 {acc}&lt;/b&gt; · 损失 {loss} · {images} 张测试图像中错了 {mistakes} 张 · 模型 {model}</translation>
    </message>
</context>
<context>
    <name>RunState</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>RunText</name>
    <message>
        <source>lr {lr}</source>
        <translation>学习率 {lr}</translation>
    </message>
    <message>
        <source>Run {when} · {settings}</source>
        <translation>运行 {when} · {settings}</translation>
    </message>
    <message>
        <source>Checkpoint {name} · {settings}</source>
        <translation>检查点 {name} · {settings}</translation>
    </message>
</context>
<context>
    <name>RunViews</name>
    <message>
        <source>{run}: {text}</source>
        <translation>{run}：{text}</translation>
    </message>
    <message>
        <source>This run has no finished epoch yet, so no results.</source>
        <translation>这个运行还没有完成任何一轮，所以没有结果。</translation>
    </message>
    <message>
        <source>Computing results on the test set…</source>
        <translation>正在测试集上计算结果…</translation>
    </message>
    <message>
        <source>No results: {reason}</source>
        <translation>没有结果：{reason}</translation>
    </message>
</context>
<context>
    <name>RunsList</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>文件夹：{folder}</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show this run&apos;s curves and results</source>
        <translation>显示这个运行的曲线和结果</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Filter runs…</source>
        <translation>筛选运行…</translation>
    </message>
    <message>
        <source>Filter runs</source>
        <translation>筛选运行</translation>
    </message>
    <message>
        <source>Show only runs whose name, note, model or state has this</source>
        <translation>只显示名称、备注、模型或状态中含有此文字的运行</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Overlay the selected runs&apos; curves on the shown run, each in its own colour</source>
        <translation>把所选运行的曲线叠加到当前显示的运行上，每个运行用各自的颜色</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue a stopped run from its last finished epoch</source>
        <translation>从最后完成的一轮继续已停止的运行</translation>
    </message>
    <message>
        <source>Use in Draw tab</source>
        <translation>在手写页使用</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>This run as an ONNX model, a Python script or a Jupyter notebook</source>
        <translation>把这个运行导出为 ONNX 模型、Python 脚本或 Jupyter 笔记本</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>备注(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>More run actions</source>
        <translation>更多运行操作</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Runs folder: counting…</source>
        <translation>运行文件夹：正在统计…</translation>
    </message>
    <message>
        <source>Runs folder: 1 run, {size}</source>
        <translation>运行文件夹：1 个运行，{size}</translation>
    </message>
    <message>
        <source>Runs folder: {runs} runs, {size}</source>
        <translation>运行文件夹：{runs} 个运行，{size}</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <source>Name for {folder} (the folder keeps its name; empty: the folder&apos;s name):</source>
        <translation>{folder} 的名称（文件夹名称不变；留空则使用文件夹名称）：</translation>
    </message>
    <message>
        <source>Run note</source>
        <translation>运行备注</translation>
    </message>
    <message>
        <source>Note for {run}:</source>
        <translation>{run} 的备注：</translation>
    </message>
    <message>
        <source>{run} is training now: stop it first.</source>
        <translation>{run} 正在训练：请先停止它。</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Move the run &quot;{name}&quot; ({size}) to the trash?

Folder: {folder}</source>
        <translation>把运行“{name}”（{size}）移到回收站？

文件夹：{folder}</translation>
    </message>
    <message>
        <source>{reason}.

Delete {run} for good? This cannot be undone.</source>
        <translation>{reason}。

要永久删除 {run} 吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>{run} was moved to the trash.</source>
        <translation>{run} 已移到回收站。</translation>
    </message>
    <message>
        <source>{run} was deleted.</source>
        <translation>{run} 已删除。</translation>
    </message>
</context>
<context>
    <name>SaliencyPage</name>
    <message>
        <source>what the model sees</source>
        <translation>模型看到的输入</translation>
    </message>
    <message>
        <source>integrated gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>occlusion (4x4 patches)</source>
        <translation>遮挡（4x4 小块）</translation>
    </message>
    <message>
        <source>Check with occlusion</source>
        <translation>用遮挡法核对</translation>
    </message>
    <message>
        <source>Blank each 4x4 patch in turn and see how far the class&apos;s probability falls (slow, but no gradients involved)</source>
        <translation>依次遮住每个 4x4 小块，看该类别的概率下降多少（较慢，但不依赖梯度）</translation>
    </message>
    <message>
        <source>explain class:</source>
        <translation>解释类别：</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Explain the predicted class</source>
        <translation>解释预测的类别</translation>
    </message>
    <message>
        <source>Explain «{name}»</source>
        <translation>解释“{name}”</translation>
    </message>
    <message>
        <source>draw a digit in the Draw tab</source>
        <translation>请在“手写”标签页中写一个数字</translation>
    </message>
    <message>
        <source>Red pixels pushed the model towards «{name}», blue ones away from it; the stronger the colour, the bigger the push. Empty paper stays grey: integrated gradients start from a blank digit, so only ink can take credit.</source>
        <translation>红色像素把模型推向“{name}”，蓝色像素把它推离；颜色越深，推力越大。空白处保持灰色：积分梯度从空白图像出发，因此只有笔迹才会得到贡献。</translation>
    </message>
</context>
<context>
    <name>SampleGrid</name>
    <message>
        <source>All test images</source>
        <translation>全部测试图像</translation>
    </message>
    <message>
        <source>Mistakes only</source>
        <translation>只看错误</translation>
    </message>
    <message>
        <source>Confusion-matrix cell</source>
        <translation>混淆矩阵单元格</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>置信度最高的在前</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>置信度最低的在前</translation>
    </message>
    <message>
        <source>{count} images of {true} predicted as {pred} · page {page}/{pages}</source>
        <translation>{count} 张 {true} 被预测为 {pred} · 第 {page}/{pages} 页</translation>
    </message>
    <message>
        <source>{count} mistakes · page {page}/{pages}</source>
        <translation>{count} 个错误 · 第 {page}/{pages} 页</translation>
    </message>
    <message>
        <source>{count} test images · page {page}/{pages}</source>
        <translation>{count} 张测试图像 · 第 {page}/{pages} 页</translation>
    </message>
</context>
<context>
    <name>SoftmaxExplorer</name>
    <message>
        <source>Logits (raw scores from the last layer)</source>
        <translation>Logits（最后一层的原始得分）</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>softmax(z): probabilities</source>
        <translation>softmax(z)：概率</translation>
    </message>
    <message>
        <source>the true class is outlined</source>
        <translation>真实类别加框</translation>
    </message>
    <message>
        <source>Training with the mistake (3-class spiral, ReLU MLP, plain SGD)</source>
        <translation>带着这个错误训练（3 类螺旋，ReLU MLP，普通 SGD）</translation>
    </message>
    <message>
        <source>Train both ways for 300 steps</source>
        <translation>两种方式各训练 300 步</translation>
    </message>
    <message>
        <source>Same model, same start: one trained on CrossEntropyLoss(logits), one on CrossEntropyLoss(softmax(logits)). Both curves show the true cross-entropy.</source>
        <translation>相同模型、相同起点：一个用 CrossEntropyLoss(logits) 训练，另一个用 CrossEntropyLoss(softmax(logits)) 训练。两条曲线都显示真实的交叉熵。</translation>
    </message>
    <message>
        <source>Cross-entropy during training</source>
        <translation>训练过程中的交叉熵</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>class {index}</source>
        <translation>类别 {index}</translation>
    </message>
    <message>
        <source>{loss} (difference {difference:.1e})</source>
        <translation>{loss}（差值 {difference:.1e}）</translation>
    </message>
    <message>
        <source>gradient dL/dz = p − onehot</source>
        <translation>梯度 dL/dz = p − onehot</translation>
    </message>
    <message>
        <source>Mistake: softmax before CrossEntropyLoss</source>
        <translation>错误：在 CrossEntropyLoss 之前做 softmax</translation>
    </message>
    <message>
        <source>{loss} (can never go below {floor:.4f})</source>
        <translation>{loss}（永远不会低于 {floor:.4f}）</translation>
    </message>
    <message>
        <source>its gradient dL/dz</source>
        <translation>它的梯度 dL/dz</translation>
    </message>
    <message>
        <source>gradient ratio</source>
        <translation>梯度之比</translation>
    </message>
    <message>
        <source>{ratio} the correct one: smaller steps, slower training</source>
        <translation>是正确梯度的 {ratio}：步长更小，训练更慢</translation>
    </message>
    <message>
        <source>training both models...</source>
        <translation>正在训练两个模型...</translation>
    </message>
    <message>
        <source>After {steps} steps: correct loss {loss:.3f}, accuracy {acc:.1%}; with softmax first {mistake_loss:.3f}, accuracy {mistake_acc:.1%}.</source>
        <translation>{steps} 步后：正确做法损失 {loss:.3f}，准确率 {acc:.1%}；先做 softmax 损失 {mistake_loss:.3f}，准确率 {mistake_acc:.1%}。</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
</context>
<context>
    <name>StructureDiagram</name>
    <message>
        <source>{kind}
{shape} · {count:,} weights</source>
        <translation>{kind}
{shape} · {count:,} 个权重</translation>
    </message>
    <message>
        <source>Model structure diagram</source>
        <translation>模型结构图</translation>
    </message>
    <message>
        <source>input
1 x 28 x 28</source>
        <translation>输入
1 x 28 x 28</translation>
    </message>
</context>
<context>
    <name>StructurePage</name>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>what it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>input 1 x 28 x 28 (one grey digit), top to bottom:</source>
        <translation>输入 1 x 28 x 28（一个灰度数字），自上而下：</translation>
    </message>
    <message>
        <source>{layers} layers, {total:,} parameters in all</source>
        <translation>共 {layers} 层，{total:,} 个参数</translation>
    </message>
</context>
<context>
    <name>SweepEditor</name>
    <message>
        <source>Sweep</source>
        <translation>参数扫描</translation>
    </message>
    <message>
        <source>My own sweep (below)</source>
        <translation>自定义参数扫描（见下方）</translation>
    </message>
    <message>
        <source>A teaching preset brings its own model and settings; Start runs it</source>
        <translation>教学预设自带模型和设置；点击“开始”即可运行</translation>
    </message>
    <message>
        <source>Values to try</source>
        <translation>要尝试的值</translation>
    </message>
    <message>
        <source>values, e.g. 0.01, 0.1, 1</source>
        <translation>取值，例如 0.01, 0.1, 1</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>改变</translation>
    </message>
    <message>
        <source>Try each of these values (replaces this option&apos;s values)</source>
        <translation>逐一尝试这些取值（替换该选项原有的取值）</translation>
    </message>
    <message>
        <source>Varied options</source>
        <translation>要变化的选项</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Train each trial on the first N training images only: a faster sweep</source>
        <translation>每个试验只用前 N 张训练图像训练：参数扫描更快</translation>
    </message>
    <message>
        <source>Other settings come from the Train tab.</source>
        <translation>其他设置取自“训练”标签页。</translation>
    </message>
    <message>
        <source>Training images:</source>
        <translation>训练图像数：</translation>
    </message>
    <message>
        <source>Type the values to try, separated by commas.</source>
        <translation>请输入要尝试的取值，用逗号分隔。</translation>
    </message>
    <message>
        <source>Choose a preset, or vary at least one option.</source>
        <translation>请选择一个预设，或至少改变一个选项。</translation>
    </message>
    <message>
        <source>{count} trials are too many; at most {limit}.</source>
        <translation>{count} 个试验太多；最多 {limit} 个。</translation>
    </message>
    <message>
        <source>{count} trials.</source>
        <translation>{count} 个试验。</translation>
    </message>
    <message>
        <source>Vary an option to define trials.</source>
        <translation>改变一个选项来定义试验。</translation>
    </message>
</context>
<context>
    <name>SweepPlots</name>
    <message>
        <source>Test accuracy per epoch</source>
        <translation>每轮次的测试准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Final test accuracy</source>
        <translation>最终测试准确率</translation>
    </message>
    <message>
        <source>Option on the x axis</source>
        <translation>x 轴上的选项</translation>
    </message>
    <message>
        <source>The varied option on the scatter plot&apos;s x axis</source>
        <translation>散点图 x 轴上显示的变化选项</translation>
    </message>
    <message>
        <source>Accuracy against:</source>
        <translation>准确率对照：</translation>
    </message>
    <message>
        <source>{option} (log scale)</source>
        <translation>{option}（对数刻度）</translation>
    </message>
</context>
<context>
    <name>SweepState</name>
    <message>
        <source>{file}: not a sweep record (not JSON: {reason})</source>
        <translation>{file}：不是参数扫描记录（不是 JSON：{reason}）</translation>
    </message>
    <message>
        <source>{file}: not a sweep record (no list of trials)</source>
        <translation>{file}：不是参数扫描记录（没有试验列表）</translation>
    </message>
</context>
<context>
    <name>ThumbnailGrid</name>
    <message>
        <source>Dataset images</source>
        <translation>数据集图像</translation>
    </message>
    <message>
        <source>Image {position}: {name}</source>
        <translation>图像 {position}：{name}</translation>
    </message>
</context>
<context>
    <name>TrainControls</name>
    <message>
        <source>Epoch {epoch}/{epochs} · batch {batch}/{batches} · {speed} samples/s · ETA {eta}</source>
        <translation>轮次 {epoch}/{epochs} · 批次 {batch}/{batches} · 每秒 {speed} 个样本 · 剩余 {eta}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start a new run with these settings (Ctrl+Enter)</source>
        <translation>用这些设置开始新的运行（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>Fast: 20 batches/s</source>
        <translation>快：每秒 20 个批次</translation>
    </message>
    <message>
        <source>Medium: 5 batches/s</source>
        <translation>中：每秒 5 个批次</translation>
    </message>
    <message>
        <source>Slow: 2 batches/s</source>
        <translation>慢：每秒 2 个批次</translation>
    </message>
    <message>
        <source>1 batch per second</source>
        <translation>每秒 1 个批次</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs} · batch {batch}/{batches} · ETA {eta}</source>
        <translation>轮次 {epoch}/{epochs} · 批次 {batch}/{batches} · 剩余 {eta}</translation>
    </message>
    <message>
        <source>Stop after this batch; the last finished epoch is kept (Ctrl+.)</source>
        <translation>在这一批次后停止；保留最后完成的一轮（Ctrl+.）</translation>
    </message>
    <message>
        <source>Training pace</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <source>How fast training runs; slow it down to talk over the curves</source>
        <translation>训练跑多快；放慢它，好边讲边看曲线</translation>
    </message>
    <message>
        <source>Step one batch</source>
        <translation>单步一个批次</translation>
    </message>
    <message>
        <source>While paused: train one batch, then pause again ({key})</source>
        <translation>暂停时：训练一个批次，然后再次暂停（{key}）</translation>
    </message>
    <message>
        <source>&amp;Pace:</source>
        <translation>速度(&amp;P)：</translation>
    </message>
    <message>
        <source>Continue training from the next batch (Ctrl+P)</source>
        <translation>从下一批次继续训练（Ctrl+P）</translation>
    </message>
    <message>
        <source>Pause after this batch; nothing is lost (Ctrl+P)</source>
        <translation>在这一批次后暂停；不会丢失任何内容（Ctrl+P）</translation>
    </message>
    <message>
        <source>{done} of {total} epochs</source>
        <translation>已完成 {done}/{total} 轮</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>Must be a whole number at least {low} and at most {high}.</source>
        <translation>必须是整数，最小 {low}，最大 {high}。</translation>
    </message>
    <message>
        <source>Must be a finite number {low_sign} {low} and {high_sign} {high}.</source>
        <translation>必须是有限数，{low_sign} {low} 且 {high_sign} {high}。</translation>
    </message>
    <message>
        <source>{name}: {description}</source>
        <translation>{name}：{description}</translation>
    </message>
    <message>
        <source>{summary}. Settings: {source}.</source>
        <translation>{summary}。设置来源：{source}。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>{label}: at most {limit}; {typed} was changed to {limit}.</source>
        <translation>{label}：最大为 {limit}；输入的 {typed} 已改为 {limit}。</translation>
    </message>
    <message>
        <source>{label}: at least {limit}; {typed} was changed to {limit}.</source>
        <translation>{label}：最小为 {limit}；输入的 {typed} 已改为 {limit}。</translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>无法开始</translation>
    </message>
    <message>
        <source>Not started: the dataset is missing.</source>
        <translation>未开始：缺少数据集。</translation>
    </message>
    <message>
        <source>Cannot write the runs folder</source>
        <translation>无法写入运行文件夹</translation>
    </message>
    <message>
        <source>{error}

Choose another runs folder in Edit → Preferences.</source>
        <translation>{error}

请在“编辑 → 首选项”中选择其他运行文件夹。</translation>
    </message>
    <message>
        <source>Results appear here when this run finishes.</source>
        <translation>这个运行结束后，结果会显示在这里。</translation>
    </message>
    <message>
        <source>Loading {dataset} and building {model}…</source>
        <translation>正在加载 {dataset} 并构建 {model}…</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>未开始。</translation>
    </message>
    <message>
        <source>Paused. Resume continues with the next batch.</source>
        <translation>已暂停。继续后从下一批次开始。</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>Stopping after this batch…</source>
        <translation>将在这一批次后停止…</translation>
    </message>
    <message>
        <source>Training one batch…</source>
        <translation>正在训练一个批次…</translation>
    </message>
    <message>
        <source>Note: {note}.</source>
        <translation>注意：{note}。</translation>
    </message>
    <message>
        <source>Training on {device}: {images} images, {batches} batches per epoch, {parameters} parameters.</source>
        <translation>在 {device} 上训练：{images} 张图像，每轮 {batches} 个批次，{parameters} 个参数。</translation>
    </message>
    <message>
        <source>Paused after epoch {epoch}, batch {batch} (loss {loss}). Step one batch, or Resume.</source>
        <translation>已在第 {epoch} 轮第 {batch} 批次后暂停（损失 {loss}）。可再单步一个批次，或继续。</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs}: train accuracy {train}, test accuracy {test} ({seconds} s).</source>
        <translation>轮次 {epoch}/{epochs}：训练准确率 {train}，测试准确率 {test}（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Stopped; the last finished epoch&apos;s checkpoint is kept.</source>
        <translation>已停止；保留最后完成一轮的检查点。</translation>
    </message>
    <message>
        <source>The loss exploded.</source>
        <translation>损失发散了。</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message>
        <source>Test accuracy after epoch {epoch}: {acc}.</source>
        <translation>第 {epoch} 轮后的测试准确率：{acc}。</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>A run is training</source>
        <translation>有一个运行正在训练</translation>
    </message>
    <message>
        <source>{run}: checkpoint of epoch {epoch}.</source>
        <translation>{run}：第 {epoch} 轮的检查点。</translation>
    </message>
    <message>
        <source>Stop the current run first.</source>
        <translation>请先停止当前运行。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended: no checkpoint was saved.</source>
        <translation>在第一轮结束前已停止：没有保存检查点。</translation>
    </message>
    <message>
        <source>no settings</source>
        <translation>没有设置</translation>
    </message>
    <message>
        <source>Cannot open run</source>
        <translation>无法打开运行</translation>
    </message>
    <message>
        <source>{path}: {reason}.</source>
        <translation>{path}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot resume</source>
        <translation>无法继续训练</translation>
    </message>
    <message>
        <source>Nothing to resume</source>
        <translation>没有可继续的训练</translation>
    </message>
    <message>
        <source>{run} already finished its {epochs} epochs. Start a new run to train longer.</source>
        <translation>{run} 已经完成了全部 {epochs} 轮。要训练更久，请开始新的运行。</translation>
    </message>
    <message>
        <source>The run shown here was deleted.</source>
        <translation>这里显示的运行已被删除。</translation>
    </message>
    <message>
        <source>A training run</source>
        <translation>一个训练运行</translation>
    </message>
    <message>
        <source>Run {name}: {state}, {epoch} of {epochs} epochs, test accuracy {acc}</source>
        <translation>运行 {name}：{state}，已完成 {epoch}/{epochs} 轮，测试准确率 {acc}</translation>
    </message>
    <message>
        <source>Run {name}: {state}</source>
        <translation>运行 {name}：{state}</translation>
    </message>
    <message>
        <source>{text} ({reason}).</source>
        <translation>{text}（{reason}）。</translation>
    </message>
    <message>
        <source>{text}.</source>
        <translation>{text}。</translation>
    </message>
</context>
<context>
    <name>TrainPlots</name>
    <message>
        <source>Loss per batch</source>
        <translation>每批次损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss per epoch</source>
        <translation>每轮损失</translation>
    </message>
    <message>
        <source>Accuracy per epoch</source>
        <translation>每轮准确率</translation>
    </message>
    <message>
        <source>accuracy %</source>
        <translation>准确率 %</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>批次损失</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>No run shown: start one, or open one in Runs.</source>
        <translation>未显示任何运行：开始一个，或在“运行”中打开一个。</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>loss became {loss}</source>
        <translation>损失变为 {loss}</translation>
    </message>
</context>
<context>
    <name>TrainingPages</name>
    <message>
        <source>This model has no per-epoch record: it was not trained by this version of Digit Lab (the bundled model was made before). Train a run, then use it in the Draw tab.</source>
        <translation>此模型没有逐轮次记录：它不是由此版本的 Digit Lab 训练的（内置模型早于此版本）。请训练一次，然后在“手写”标签页中使用它。</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one epoch</source>
        <translation>训练一个轮次</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>New random weights, history cleared</source>
        <translation>重新随机初始化权重，清空历史</translation>
    </message>
    <message>
        <source>Epochs per picture</source>
        <translation>每次刷新训练的轮数</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮刷新一次</translation>
    </message>
    <message>
        <source>Epochs trained between two pictures while playing</source>
        <translation>播放时两次绘图之间训练的轮次数</translation>
    </message>
    <message>
        <source>While playing, draw every</source>
        <translation>播放时每</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>TrialTable</name>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Click a column to sort; double-click a trial to open its run in the Train tab</source>
        <translation>点击列标题排序；双击某个试验，在“训练”标签页中打开它的运行</translation>
    </message>
</context>
<context>
    <name>WeightsGrid</name>
    <message>
        <source>&lt;b&gt;Learned weights&lt;/b&gt;: {kind}. Red = positive, blue = negative, white = 0.</source>
        <translation>&lt;b&gt;学到的权重&lt;/b&gt;：{kind}。红 = 正，蓝 = 负，白 = 0。</translation>
    </message>
</context>
<context>
    <name>WeightsPage</name>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>First-layer weights at the chosen epoch</source>
        <translation>所选轮次的第一层权重</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>{kind}: red pushes a unit up, blue down (white: no effect). {count} shown.</source>
        <translation>{kind}：红色使单元输出增大，蓝色使其减小（白色：无影响）。显示 {count} 个。</translation>
    </message>
    <message>
        <source>{epoch} of {last}</source>
        <translation>{epoch} / {last}</translation>
    </message>
</context>
<context>
    <name>_FolderField</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>unknown attribution method {name!r}; choose one of {choices}</source>
        <comment>attribution.unknown_method</comment>
        <translation>未知的归因方法 {name!r}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>calibration is given for a model without a last linear layer</source>
        <comment>calibration.no_head</comment>
        <translation>为一个没有最后线性层的模型给出了校准信息</translation>
    </message>
    <message>
        <source>calibration must be a dict with {keys}</source>
        <comment>calibration.not_dict</comment>
        <translation>校准信息必须是包含 {keys} 的字典</translation>
    </message>
    <message>
        <source>calibration {key} holds NaN or infinite values</source>
        <comment>calibration.not_finite</comment>
        <translation>校准信息 {key} 含有 NaN 或无穷值</translation>
    </message>
    <message>
        <source>calibration {key} must be a dense tensor</source>
        <comment>calibration.not_tensor</comment>
        <translation>校准信息 {key} 必须是稠密张量</translation>
    </message>
    <message>
        <source>calibration {key} must be a finite number from {low} to {high}</source>
        <comment>calibration.number</comment>
        <translation>校准信息 {key} 必须是 {low} 到 {high} 之间的有限数</translation>
    </message>
    <message>
        <source>calibration {key} must be float32 of shape {shape}, not {dtype} {actual}</source>
        <comment>calibration.shape</comment>
        <translation>校准信息 {key} 必须是形状为 {shape} 的 float32，而不是 {dtype} {actual}</translation>
    </message>
    <message>
        <source>calibration {key} must be a finite number from 0 to {high:g}</source>
        <comment>calibration.threshold</comment>
        <translation>校准信息 {key} 必须是 0 到 {high:g} 之间的有限数</translation>
    </message>
    <message>
        <source>calibration has an unexpected field {key}</source>
        <comment>calibration.unexpected</comment>
        <translation>校准信息中有意外的字段 {key}</translation>
    </message>
    <message>
        <source>{file}: cannot read it: {reason}</source>
        <comment>checkpoint.cannot_read</comment>
        <translation>{file}：无法读取：{reason}</translation>
    </message>
    <message>
        <source>class name {index} must be 1 to {most} printable characters on one line</source>
        <comment>checkpoint.class_name_bad</comment>
        <translation>类别名 {index} 必须是一行内 1 到 {most} 个可打印字符</translation>
    </message>
    <message>
        <source>class name {index} is a {type}, not text</source>
        <comment>checkpoint.class_name_not_text</comment>
        <translation>类别名 {index} 是 {type}，不是文本</translation>
    </message>
    <message>
        <source>class_names has a name twice</source>
        <comment>checkpoint.class_name_twice</comment>
        <translation>class_names 中有重复的名字</translation>
    </message>
    <message>
        <source>{count} class names for a model with {outputs} outputs</source>
        <comment>checkpoint.class_names_count</comment>
        <translation>{count} 个类别名，但模型有 {outputs} 个输出</translation>
    </message>
    <message>
        <source>class_names must be a list, not {type}</source>
        <comment>checkpoint.class_names_not_list</comment>
        <translation>class_names 必须是列表，而不是 {type}</translation>
    </message>
    <message>
        <source>config has a key that is not a short name</source>
        <comment>checkpoint.config_bad_key</comment>
        <translation>配置中有一个键不是短名称</translation>
    </message>
    <message>
        <source>config {key!r} must be a name or a finite number</source>
        <comment>checkpoint.config_bad_value</comment>
        <translation>配置 {key!r} 必须是名称或有限数</translation>
    </message>
    <message>
        <source>config: {reason}</source>
        <comment>checkpoint.config_invalid</comment>
        <translation>配置：{reason}</translation>
    </message>
    <message>
        <source>config names no model</source>
        <comment>checkpoint.config_no_model</comment>
        <translation>配置中没有指定模型</translation>
    </message>
    <message>
        <source>config must be a dict, not {type}</source>
        <comment>checkpoint.config_not_dict</comment>
        <translation>配置必须是字典，而不是 {type}</translation>
    </message>
    <message>
        <source>config {key!r} is {length} characters long</source>
        <comment>checkpoint.config_value_long</comment>
        <translation>配置 {key!r} 长达 {length} 个字符</translation>
    </message>
    <message>
        <source>{file}: not a usable Digit Lab checkpoint: truncated, corrupt or not a PyTorch file</source>
        <comment>checkpoint.corrupt</comment>
        <translation>{file}：不是可用的 Digit Lab 检查点：被截断、已损坏或不是 PyTorch 文件</translation>
    </message>
    <message>
        <source>{file}: not a usable Digit Lab checkpoint: the file is empty</source>
        <comment>checkpoint.empty</comment>
        <translation>{file}：不是可用的 Digit Lab 检查点：文件是空的</translation>
    </message>
    <message>
        <source>epoch must be a whole number from 0 to {most}, not {value}</source>
        <comment>checkpoint.epoch_invalid</comment>
        <translation>epoch 必须是 0 到 {most} 之间的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>the &apos;{field}&apos; field is missing</source>
        <comment>checkpoint.field_missing</comment>
        <translation>缺少 &apos;{field}&apos; 字段</translation>
    </message>
    <message>
        <source>{field} must be 64 hexadecimal characters</source>
        <comment>checkpoint.hash_invalid</comment>
        <translation>{field} 必须是 64 个十六进制字符</translation>
    </message>
    <message>
        <source>weights were changed after saving (hash mismatch)</source>
        <comment>checkpoint.hash_mismatch</comment>
        <translation>权重在保存后被修改过（哈希不匹配）</translation>
    </message>
    <message>
        <source>history row {row} has a key that is not a short name</source>
        <comment>checkpoint.history_bad_key</comment>
        <translation>历史记录第 {row} 行有一个键不是短名称</translation>
    </message>
    <message>
        <source>history row {row} {key!r} must be a finite number, not {type} {value}</source>
        <comment>checkpoint.history_not_finite</comment>
        <translation>历史记录第 {row} 行的 {key!r} 必须是有限数，而不是 {type} {value}</translation>
    </message>
    <message>
        <source>history must be a list, not {type}</source>
        <comment>checkpoint.history_not_list</comment>
        <translation>历史记录必须是列表，而不是 {type}</translation>
    </message>
    <message>
        <source>history row {row} {key!r} must be a finite number, not {type}</source>
        <comment>checkpoint.history_not_number</comment>
        <translation>历史记录第 {row} 行的 {key!r} 必须是有限数，而不是 {type}</translation>
    </message>
    <message>
        <source>history row {row} must be a dict, not {type}</source>
        <comment>checkpoint.history_row_not_dict</comment>
        <translation>历史记录第 {row} 行必须是字典，而不是 {type}</translation>
    </message>
    <message>
        <source>history has {rows} rows; a run has at most {most}</source>
        <comment>checkpoint.history_too_long</comment>
        <translation>历史记录有 {rows} 行；一个运行最多 {most} 行</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>checkpoint.invalid</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{file}: not a Digit Lab checkpoint (no &apos;{marker}&apos; marker)</source>
        <comment>checkpoint.no_marker</comment>
        <translation>{file}：不是 Digit Lab 检查点（没有 &apos;{marker}&apos; 标记）</translation>
    </message>
    <message>
        <source>{path}: no such checkpoint file</source>
        <comment>checkpoint.no_such_file</comment>
        <translation>{path}：没有这个检查点文件</translation>
    </message>
    <message>
        <source>normalization mean must be a finite number from 0 to 1</source>
        <comment>checkpoint.normalization_mean</comment>
        <translation>归一化均值必须是 0 到 1 之间的有限数</translation>
    </message>
    <message>
        <source>normalization must be a dict of exactly &apos;mean&apos; and &apos;std&apos;</source>
        <comment>checkpoint.normalization_not_dict</comment>
        <translation>归一化必须是只含 &apos;mean&apos; 和 &apos;std&apos; 的字典</translation>
    </message>
    <message>
        <source>normalization std must be a finite number &gt; 0 (at least {least:g}) and &lt;= 1</source>
        <comment>checkpoint.normalization_std</comment>
        <translation>归一化标准差必须是 &gt; 0（至少 {least:g}）且 &lt;= 1 的有限数</translation>
    </message>
    <message>
        <source>{file}: not a PyTorch checkpoint file</source>
        <comment>checkpoint.not_pytorch</comment>
        <translation>{file}：不是 PyTorch 检查点文件</translation>
    </message>
    <message>
        <source>{what}: parameter {index} {key} {problem}</source>
        <comment>checkpoint.optimizer_entry_bad</comment>
        <translation>{what}：参数 {index} 的 {key} {problem}</translation>
    </message>
    <message>
        <source>{what}: parameter {index} needs {required} (at most {allowed})</source>
        <comment>checkpoint.optimizer_entry_keys</comment>
        <translation>{what}：参数 {index} 需要 {required}（最多 {allowed}）</translation>
    </message>
    <message>
        <source>{what}: it must hold exactly &apos;state&apos; and &apos;param_groups&apos;</source>
        <comment>checkpoint.optimizer_keys</comment>
        <translation>{what}：必须只包含 &apos;state&apos; 和 &apos;param_groups&apos;</translation>
    </message>
    <message>
        <source>optimizer_state does not fit {optimizer} on model {model!r}</source>
        <comment>checkpoint.optimizer_mismatch</comment>
        <translation>optimizer_state 与模型 {model!r} 上的 {optimizer} 不匹配</translation>
    </message>
    <message>
        <source>optimizer_state must be a dict or None, not {type}</source>
        <comment>checkpoint.optimizer_not_dict</comment>
        <translation>optimizer_state 必须是字典或 None，而不是 {type}</translation>
    </message>
    <message>
        <source>{what}: its state must be a dict</source>
        <comment>checkpoint.optimizer_state_not_dict</comment>
        <translation>{what}：它的状态必须是字典</translation>
    </message>
    <message>
        <source>{what}: state for a parameter the model does not have</source>
        <comment>checkpoint.optimizer_unknown_parameter</comment>
        <translation>{what}：有一个模型中不存在的参数的状态</translation>
    </message>
    <message>
        <source>{what}: velocity {index} {problem}</source>
        <comment>checkpoint.optimizer_velocity_bad</comment>
        <translation>{what}：velocity {index} {problem}</translation>
    </message>
    <message>
        <source>{what}: velocity must be a list of {count} tensors</source>
        <comment>checkpoint.optimizer_velocity_count</comment>
        <translation>{what}：velocity 必须是包含 {count} 个张量的列表</translation>
    </message>
    <message>
        <source>{what}: it must hold exactly &apos;velocity&apos; and &apos;param_groups&apos;</source>
        <comment>checkpoint.optimizer_velocity_keys</comment>
        <translation>{what}：必须只包含 &apos;velocity&apos; 和 &apos;param_groups&apos;</translation>
    </message>
    <message>
        <source>the weights give NaN or infinite outputs on a test image</source>
        <comment>checkpoint.outputs_not_finite</comment>
        <translation>这些权重在一张测试图像上给出 NaN 或无穷的输出</translation>
    </message>
    <message>
        <source>{what}: its parameter group must list parameters 0..{last}</source>
        <comment>checkpoint.param_group_params</comment>
        <translation>{what}：它的参数组必须列出参数 0..{last}</translation>
    </message>
    <message>
        <source>{what}: param_groups must be a list of one dict</source>
        <comment>checkpoint.param_groups_invalid</comment>
        <translation>{what}：param_groups 必须是只含一个字典的列表</translation>
    </message>
    <message>
        <source>state_dict must be a dict, not {type}</source>
        <comment>checkpoint.state_dict_not_dict</comment>
        <translation>state_dict 必须是字典，而不是 {type}</translation>
    </message>
    <message>
        <source>has negative values</source>
        <comment>checkpoint.state_negative</comment>
        <translation>含有负值</translation>
    </message>
    <message>
        <source>must be a finite count &gt;= 0</source>
        <comment>checkpoint.step_invalid</comment>
        <translation>必须是 &gt;= 0 的有限计数</translation>
    </message>
    <message>
        <source>must be a single float</source>
        <comment>checkpoint.step_not_float</comment>
        <translation>必须是单个浮点数</translation>
    </message>
    <message>
        <source>is {dtype}, the model needs {needed}</source>
        <comment>checkpoint.tensor_dtype</comment>
        <translation>是 {dtype}，模型需要 {needed}</translation>
    </message>
    <message>
        <source>is not a plain dense tensor</source>
        <comment>checkpoint.tensor_not_dense</comment>
        <translation>不是普通的稠密张量</translation>
    </message>
    <message>
        <source>holds NaN or infinite values</source>
        <comment>checkpoint.tensor_not_finite</comment>
        <translation>含有 NaN 或无穷值</translation>
    </message>
    <message>
        <source>is a {type}, not a tensor</source>
        <comment>checkpoint.tensor_not_tensor</comment>
        <translation>是 {type}，不是张量</translation>
    </message>
    <message>
        <source>has shape {shape}, the model needs {needed}</source>
        <comment>checkpoint.tensor_shape</comment>
        <translation>形状为 {shape}，模型需要 {needed}</translation>
    </message>
    <message>
        <source>unexpected field {field} (edited, or not written by Digit Lab)</source>
        <comment>checkpoint.unexpected_field</comment>
        <translation>意外的字段 {field}（被编辑过，或不是 Digit Lab 写的）</translation>
    </message>
    <message>
        <source>{file}: not a usable Digit Lab checkpoint: it holds Python objects that are not plain weights, and it is not loaded because loading them could run code</source>
        <comment>checkpoint.unsafe</comment>
        <translation>{file}：不是可用的 Digit Lab 检查点：它含有不是普通权重的 Python 对象，加载它们可能会运行代码，因此不予加载</translation>
    </message>
    <message>
        <source>has negative values (it is a variance)</source>
        <comment>checkpoint.variance_negative</comment>
        <translation>含有负值（它是方差）</translation>
    </message>
    <message>
        <source>format_version {version} is not a valid version</source>
        <comment>checkpoint.version_invalid</comment>
        <translation>format_version {version} 不是有效的版本</translation>
    </message>
    <message>
        <source>written by a newer Digit Lab (format {version}; this one reads {supported})</source>
        <comment>checkpoint.version_newer</comment>
        <translation>由更新版本的 Digit Lab 写入（格式 {version}；当前版本读取 {supported}）</translation>
    </message>
    <message>
        <source>format_version must be a whole number, not {type}</source>
        <comment>checkpoint.version_not_whole</comment>
        <translation>format_version 必须是整数，而不是 {type}</translation>
    </message>
    <message>
        <source>versions must be a dict of short texts</source>
        <comment>checkpoint.versions_invalid</comment>
        <translation>versions 必须是由短文本组成的字典</translation>
    </message>
    <message>
        <source>weight {name!r} {problem}</source>
        <comment>checkpoint.weight_bad</comment>
        <translation>权重 {name!r} {problem}</translation>
    </message>
    <message>
        <source>weights lack {name!r}, which model {model!r} needs</source>
        <comment>checkpoint.weight_missing</comment>
        <translation>权重中缺少模型 {model!r} 需要的 {name!r}</translation>
    </message>
    <message>
        <source>weights hold {name!r}, which model {model!r} does not have</source>
        <comment>checkpoint.weight_unexpected</comment>
        <translation>权重中含有 {name!r}，而模型 {model!r} 没有</translation>
    </message>
    <message>
        <source>weights hold a key, which model {model!r} does not have</source>
        <comment>checkpoint.weight_unexpected_key</comment>
        <translation>权重中有一个键是模型 {model!r} 没有的</translation>
    </message>
    <message>
        <source>weights do not fit model {model!r}: {reason}</source>
        <comment>checkpoint.weights_do_not_fit</comment>
        <translation>权重与模型 {model!r} 不匹配：{reason}</translation>
    </message>
    <message>
        <source>{kind} has a part named {name!r}: not exportable</source>
        <comment>code.bad_part_name</comment>
        <translation>{kind} 有一个名为 {name!r} 的部分：无法导出</translation>
    </message>
    <message>
        <source>model {name}: its forward is not its layers one after the other, so it cannot be exported as plain nn code</source>
        <comment>code.forward_not_sequential</comment>
        <translation>模型 {name}：它的 forward 不是各层依次执行，所以无法导出为普通的 nn 代码</translation>
    </message>
    <message>
        <source>the model holds a {kind} layer; only these can be exported as code: {allowed}</source>
        <comment>code.layer_not_allowed</comment>
        <translation>模型含有 {kind} 层；只有以下层可以导出为代码：{allowed}</translation>
    </message>
    <message>
        <source>{kind} has no layers to export</source>
        <comment>code.no_layers</comment>
        <translation>{kind} 没有可导出的层</translation>
    </message>
    <message>
        <source>{kind} inside the model is not a layer Digit Lab can export</source>
        <comment>code.not_a_layer</comment>
        <translation>模型中的 {kind} 不是 Digit Lab 能导出的层</translation>
    </message>
    <message>
        <source>the {kind} layer cannot be rebuilt from its settings: {settings}</source>
        <comment>code.not_rebuildable</comment>
        <translation>无法根据设置重建 {kind} 层：{settings}</translation>
    </message>
    <message>
        <source>{kind} holds its own tensors ({names}): not exportable</source>
        <comment>code.own_tensors</comment>
        <translation>{kind} 持有自己的张量（{names}）：无法导出</translation>
    </message>
    <message>
        <source>the {kind} layer&apos;s settings cannot be read: {settings}</source>
        <comment>code.settings_unreadable</comment>
        <translation>无法读取 {kind} 层的设置：{settings}</translation>
    </message>
    <message>
        <source>model {name}: the generated code&apos;s weights do not match its own</source>
        <comment>code.weights_mismatch</comment>
        <translation>模型 {name}：生成代码的权重与模型自身的不一致</translation>
    </message>
    <message>
        <source>{help} Must be {range}.</source>
        <comment>config.describe</comment>
        <translation>{help} 必须是{range}。</translation>
    </message>
    <message>
        <source>device cuda was asked for, but no CUDA GPU is available</source>
        <comment>config.no_cuda</comment>
        <translation>要求使用设备 cuda，但没有可用的 CUDA GPU</translation>
    </message>
    <message>
        <source>device mps was asked for, but Apple&apos;s MPS is not available</source>
        <comment>config.no_mps</comment>
        <translation>要求使用设备 mps，但 Apple 的 MPS 不可用</translation>
    </message>
    <message>
        <source>invalid {label} {value!r}: must be {range}</source>
        <comment>config.out_of_range</comment>
        <translation>无效的{label} {value!r}：必须是{range}</translation>
    </message>
    <message>
        <source>one of: {choices}</source>
        <comment>config.range_choices</comment>
        <translation>以下之一：{choices}</translation>
    </message>
    <message>
        <source>a finite number {low_sign} {low:g} and {high_sign} {high:g}</source>
        <comment>config.range_number</comment>
        <translation>有限数，{low_sign} {low:g} 且 {high_sign} {high:g}</translation>
    </message>
    <message>
        <source>a whole number at least {low} and at most {high}</source>
        <comment>config.range_whole</comment>
        <translation>整数，最小 {low}，最大 {high}</translation>
    </message>
    <message>
        <source>softmax-scratch trains with its own hand-written SGD: choose sgd or momentum</source>
        <comment>config.scratch_optimizer</comment>
        <translation>softmax-scratch 用它自己手写的 SGD 训练：请选择 sgd 或 momentum</translation>
    </message>
    <message>
        <source>softmax-scratch uses the lesson&apos;s hand-written cross-entropy, which has no label smoothing: set it to 0</source>
        <comment>config.scratch_smoothing</comment>
        <translation>softmax-scratch 使用课程中手写的交叉熵，没有标签平滑：请设为 0</translation>
    </message>
    <message>
        <source>unknown {label} {value!r}; choose {range}</source>
        <comment>config.unknown_choice</comment>
        <translation>未知的{label} {value!r}；请选择{range}</translation>
    </message>
    <message>
        <source>{root} is Digit Lab&apos;s own read-only copy</source>
        <comment>data.bundled_read_only</comment>
        <translation>{root} 是 Digit Lab 自带的只读副本</translation>
    </message>
    <message>
        <source>{dataset} is not on this computer and could not be downloaded: {reason} (put its files in {folder}, or import them from a zip)</source>
        <comment>data.download_failed</comment>
        <translation>这台电脑上没有 {dataset}，也无法下载：{reason}（请把它的文件放到 {folder}，或从 zip 导入）</translation>
    </message>
    <message>
        <source>{dataset} not found: put {files} (or the same names with .gz) in {folder} (or set {env} / --data-root to a folder that holds {subfolder}/raw/)</source>
        <comment>data.missing</comment>
        <translation>找不到 {dataset}：请把 {files}（或同名的 .gz 文件）放到 {folder}（或把 {env} / --data-root 设为包含 {subfolder}/raw/ 的文件夹）</translation>
    </message>
    <message>
        <source>{dataset} is never downloaded: it comes with Digit Lab. {missing}</source>
        <comment>data.never_downloaded</comment>
        <translation>{dataset} 从不下载：它随 Digit Lab 一起提供。{missing}</translation>
    </message>
    <message>
        <source>{where}: its settings cannot be used: {reason}</source>
        <comment>export.bad_settings</comment>
        <translation>{where}：它的设置无法使用：{reason}</translation>
    </message>
    <message>
        <source>confidence threshold {threshold!r} is not a number in (0, 1]</source>
        <comment>export.bad_threshold</comment>
        <translation>置信度阈值 {threshold!r} 不是 (0, 1] 内的数</translation>
    </message>
    <message>
        <source>cannot write {out}: {reason}</source>
        <comment>export.cannot_write</comment>
        <translation>无法写入 {out}：{reason}</translation>
    </message>
    <message>
        <source>cannot tell the format from {name!r}: give --format ({choices}) or end --out with .onnx, .py or .ipynb</source>
        <comment>export.format_unknown_suffix</comment>
        <translation>无法从 {name!r} 判断格式：请给出 --format（{choices}），或让 --out 以 .onnx、.py 或 .ipynb 结尾</translation>
    </message>
    <message>
        <source>{origin} has no checkpoint yet: an ONNX model needs trained weights</source>
        <comment>export.no_checkpoint</comment>
        <translation>{origin}还没有检查点：ONNX 模型需要训练好的权重</translation>
    </message>
    <message>
        <source>no settings</source>
        <comment>export.no_settings</comment>
        <translation>没有设置</translation>
    </message>
    <message>
        <source>{path}: no such run folder or checkpoint file</source>
        <comment>export.no_source</comment>
        <translation>{path}：没有这个运行文件夹或检查点文件</translation>
    </message>
    <message>
        <source>{path}: not a run folder that can be exported: {reason}</source>
        <comment>export.not_a_run</comment>
        <translation>{path}：不是可以导出的运行文件夹：{reason}</translation>
    </message>
    <message>
        <source>{format} is not a code format (script, notebook)</source>
        <comment>export.not_code</comment>
        <translation>{format} 不是代码格式（script、notebook）</translation>
    </message>
    <message>
        <source>the ONNX model failed onnx.checker: {reason}</source>
        <comment>export.onnx_checker</comment>
        <translation>ONNX 模型未通过 onnx.checker：{reason}</translation>
    </message>
    <message>
        <source>PyTorch could not export model {model} to ONNX: {reason}</source>
        <comment>export.onnx_failed</comment>
        <translation>PyTorch 无法把模型 {model} 导出为 ONNX：{reason}</translation>
    </message>
    <message>
        <source>onnxruntime&apos;s answers differ from PyTorch&apos;s by {difference:.2g} (more than {most:g}): the ONNX model was not written</source>
        <comment>export.onnx_parity</comment>
        <translation>onnxruntime 的结果与 PyTorch 相差 {difference:.2g}（超过 {most:g}）：未写入 ONNX 模型</translation>
    </message>
    <message>
        <source>the bundled model</source>
        <comment>export.origin_bundled</comment>
        <translation>内置模型</translation>
    </message>
    <message>
        <source>the checkpoint &quot;{name}&quot;</source>
        <comment>export.origin_checkpoint</comment>
        <translation>检查点“{name}”</translation>
    </message>
    <message>
        <source>the run &quot;{name}&quot;</source>
        <comment>export.origin_run</comment>
        <translation>运行“{name}”</translation>
    </message>
    <message>
        <source>{out} is a folder: give a file name</source>
        <comment>export.out_is_folder</comment>
        <translation>{out} 是文件夹：请给出文件名</translation>
    </message>
    <message>
        <source>{out} is the checkpoint being exported: give another file name</source>
        <comment>export.out_is_source</comment>
        <translation>{out} 正是要导出的检查点：请换一个文件名</translation>
    </message>
    <message>
        <source>{origin} has no checkpoint yet: an ONNX model needs trained weights.
</source>
        <comment>export.preview_no_checkpoint</comment>
        <translation>{origin}还没有检查点：ONNX 模型需要训练好的权重。
</translation>
    </message>
    <message>
        <source>ONNX export needs PyTorch 2.5 or newer (this is {version})</source>
        <comment>export.torch_too_old</comment>
        <translation>导出 ONNX 需要 PyTorch 2.5 或更新版本（当前为 {version}）</translation>
    </message>
    <message>
        <source>unknown format {name!r}; choose one of: {choices}</source>
        <comment>export.unknown_format</comment>
        <translation>未知的格式 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>Jupyter notebook</source>
        <comment>export.what_notebook</comment>
        <translation>Jupyter 笔记本</translation>
    </message>
    <message>
        <source>ONNX model</source>
        <comment>export.what_onnx</comment>
        <translation>ONNX 模型</translation>
    </message>
    <message>
        <source>Python script</source>
        <comment>export.what_script</comment>
        <translation>Python 脚本</translation>
    </message>
    <message>
        <source>wrote {out}: {what} of {origin}</source>
        <comment>export.wrote</comment>
        <translation>已写入 {out}：{origin}的{what}</translation>
    </message>
    <message>
        <source>wrote {out}: ONNX opset {opset}, checked by onnx.checker and run by onnxruntime (largest probability difference from PyTorch {difference:.1e})</source>
        <comment>export.wrote_onnx</comment>
        <translation>已写入 {out}：ONNX opset {opset}，已通过 onnx.checker 检查并由 onnxruntime 运行（与 PyTorch 的最大概率差 {difference:.1e}）</translation>
    </message>
    <message>
        <source>{path}: cannot be read: {reason}</source>
        <comment>file.cannot_read</comment>
        <translation>{path}：无法读取：{reason}</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a file</source>
        <comment>file.is_folder</comment>
        <translation>{path}：是文件夹，不是文件</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <comment>file.no_such_file</comment>
        <translation>{path}：没有这个文件</translation>
    </message>
    <message>
        <source>{path}: is not a regular file</source>
        <comment>file.not_regular</comment>
        <translation>{path}：不是普通文件</translation>
    </message>
    <message>
        <source>--out needs a folder name</source>
        <comment>finetune.empty_out</comment>
        <translation>--out 需要一个文件夹名</translation>
    </message>
    <message>
        <source>nothing to learn from or nothing to check on</source>
        <comment>finetune.empty_part</comment>
        <translation>没有可学习或可检查的数据</translation>
    </message>
    <message>
        <source>--data {path}: no such folder</source>
        <comment>finetune.no_data</comment>
        <translation>--data {path}：没有这个文件夹</translation>
    </message>
    <message>
        <source>{path} already exists; choose a new folder, or add --overwrite</source>
        <comment>finetune.out_exists</comment>
        <translation>{path} 已存在；请选择新的文件夹，或加上 --overwrite</translation>
    </message>
    <message>
        <source>--out {out} is a file, not a folder</source>
        <comment>finetune.out_file</comment>
        <translation>--out {out} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>--steps must be from 1 to 100000</source>
        <comment>finetune.steps</comment>
        <translation>--steps 必须在 1 到 100000 之间</translation>
    </message>
    <message>
        <source>{count} of your digits; fine-tuning needs at least {least} (some to learn from, some to check)</source>
        <comment>finetune.too_few</comment>
        <translation>你有 {count} 个数字；微调至少需要 {least} 个（一部分用来学习，一部分用来检查）</translation>
    </message>
    <message>
        <source>{dims}-dimensional IDX data; expected {ndim} dimensions</source>
        <comment>idx.bad_dims</comment>
        <translation>IDX 数据为 {dims} 维；应为 {ndim} 维</translation>
    </message>
    <message>
        <source>not a valid gzip file ({reason})</source>
        <comment>idx.bad_gzip</comment>
        <translation>不是有效的 gzip 文件（{reason}）</translation>
    </message>
    <message>
        <source>not an IDX file (magic bytes {magic}, expected 000008{ndim:02x})</source>
        <comment>idx.bad_magic</comment>
        <translation>不是 IDX 文件（魔数为 {magic}，应为 000008{ndim:02x}）</translation>
    </message>
    <message>
        <source>IDX data type 0x{kind:02x}; expected unsigned bytes (0x08)</source>
        <comment>idx.bad_type</comment>
        <translation>IDX 数据类型为 0x{kind:02x}；应为无符号字节（0x08）</translation>
    </message>
    <message>
        <source>the file changed while it was read</source>
        <comment>idx.changed</comment>
        <translation>文件在读取时发生了变化</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <comment>idx.empty</comment>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>{size:,} bytes, but its header declares {shape} ({expected:,} bytes): has extra bytes after the data</source>
        <comment>idx.extra_bytes</comment>
        <translation>{size:,} 字节，但文件头声明为 {shape}（{expected:,} 字节）：数据之后还有多余的字节</translation>
    </message>
    <message>
        <source>the gzip data is truncated or corrupt ({reason})</source>
        <comment>idx.gzip_corrupt</comment>
        <translation>gzip 数据被截断或已损坏（{reason}）</translation>
    </message>
    <message>
        <source>has extra bytes after the {shape} its header declares</source>
        <comment>idx.gzip_extra_bytes</comment>
        <translation>在文件头声明的 {shape} 之后还有多余的字节</translation>
    </message>
    <message>
        <source>decompresses to {size:,} bytes, but its header declares {shape}: truncated</source>
        <comment>idx.gzip_truncated</comment>
        <translation>解压后为 {size:,} 字节，但文件头声明为 {shape}：数据被截断</translation>
    </message>
    <message>
        <source>the IDX header is cut off after {size} bytes</source>
        <comment>idx.header_cut</comment>
        <translation>IDX 文件头在 {size} 字节后被截断</translation>
    </message>
    <message>
        <source>the header declares {shape} ({size:,} bytes), more than the {most} MB Digit Lab reads</source>
        <comment>idx.too_large</comment>
        <translation>文件头声明为 {shape}（{size:,} 字节），超过 Digit Lab 读取的上限 {most} MB</translation>
    </message>
    <message>
        <source>the file is {size} bytes, too short for an IDX header</source>
        <comment>idx.too_short</comment>
        <translation>文件只有 {size} 字节，不够一个 IDX 文件头</translation>
    </message>
    <message>
        <source>{size:,} bytes, but its header declares {shape} ({expected:,} bytes): truncated</source>
        <comment>idx.truncated</comment>
        <translation>{size:,} 字节，但文件头声明为 {shape}（{expected:,} 字节）：数据被截断</translation>
    </message>
    <message>
        <source>{file}: too large to open safely</source>
        <comment>image.bomb</comment>
        <translation>{file}：太大，无法安全打开</translation>
    </message>
    <message>
        <source>{file}: cannot be read (corrupt or truncated?): {reason}</source>
        <comment>image.corrupt</comment>
        <translation>{file}：无法读取（已损坏或被截断？）：{reason}</translation>
    </message>
    <message>
        <source>{path}: the file is empty</source>
        <comment>image.empty</comment>
        <translation>{path}：文件是空的</translation>
    </message>
    <message>
        <source>{path}: is a folder, not an image</source>
        <comment>image.is_folder</comment>
        <translation>{path}：是文件夹，不是图像</translation>
    </message>
    <message>
        <source>{file}: the image has no pixels ({width}x{height})</source>
        <comment>image.no_pixels</comment>
        <translation>{file}：图像没有像素（{width}x{height}）</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <comment>image.no_such_file</comment>
        <translation>{path}：没有这个文件</translation>
    </message>
    <message>
        <source>{path}: is not a regular file</source>
        <comment>image.not_regular</comment>
        <translation>{path}：不是普通文件</translation>
    </message>
    <message>
        <source>{file}: not enough memory to decode it</source>
        <comment>image.out_of_memory</comment>
        <translation>{file}：内存不足，无法解码</translation>
    </message>
    <message>
        <source>{file}: {width}x{height} is too large (a side longer than {most} pixels)</source>
        <comment>image.side_too_long</comment>
        <translation>{file}：{width}x{height} 太大（有一边超过 {most} 像素）</translation>
    </message>
    <message>
        <source>{file}: {width}x{height} is too large (more than {megapixels:g} megapixels)</source>
        <comment>image.too_many_pixels</comment>
        <translation>{file}：{width}x{height} 太大（超过 {megapixels:g} 百万像素）</translation>
    </message>
    <message>
        <source>{file}: {width}x{height} is too thin to be a picture (sides more than {aspect:g}:1)</source>
        <comment>image.too_thin</comment>
        <translation>{file}：{width}x{height} 太细长，不像一张图片（边长比超过 {aspect:g}:1）</translation>
    </message>
    <message>
        <source>{file}: not an image in a supported format ({formats})</source>
        <comment>image.unsupported_format</comment>
        <translation>{file}：不是支持格式的图像（{formats}）</translation>
    </message>
    <message>
        <source>clip limit must be in (0, 1] (got {limit})</source>
        <comment>image_ops.bad_clip_limit</comment>
        <translation>裁剪限制必须在 (0, 1] 之内（得到 {limit}）</translation>
    </message>
    <message>
        <source>percentiles must satisfy 0 &lt;= low &lt; high &lt;= 100 (got {low}, {high})</source>
        <comment>image_ops.bad_percentiles</comment>
        <translation>百分位数必须满足 0 &lt;= low &lt; high &lt;= 100（得到 {low}、{high}）</translation>
    </message>
    <message>
        <source>unsupported image shape {shape}: expected gray, RGB or RGBA</source>
        <comment>image_ops.bad_shape</comment>
        <translation>不支持的图像形状 {shape}：应为灰度、RGB 或 RGBA</translation>
    </message>
    <message>
        <source>Canny: the low threshold ({low}) must not exceed the high one ({high})</source>
        <comment>image_ops.canny_thresholds</comment>
        <translation>Canny：低阈值（{low}）不能超过高阈值（{high}）</translation>
    </message>
    <message>
        <source>expected a non-empty image array</source>
        <comment>image_ops.empty</comment>
        <translation>需要一个非空的图像数组</translation>
    </message>
    <message>
        <source>fill holes needs a mask: put Threshold or Canny edges before it</source>
        <comment>image_ops.fill_needs_mask</comment>
        <translation>填充孔洞需要掩码：请在它之前放置阈值或 Canny 边缘</translation>
    </message>
    <message>
        <source>the image is grayscale: it has no R, G or B channel to pick</source>
        <comment>image_ops.no_channels</comment>
        <translation>这是灰度图像：没有可选的 R、G 或 B 通道</translation>
    </message>
    <message>
        <source>unknown dtype {dtype!r}</source>
        <comment>image_ops.unknown_dtype</comment>
        <translation>未知的 dtype {dtype!r}</translation>
    </message>
    <message>
        <source>unknown threshold method {method!r}</source>
        <comment>image_ops.unknown_threshold</comment>
        <translation>未知的阈值方法 {method!r}</translation>
    </message>
    <message>
        <source>{operation}: {reason}</source>
        <comment>imaging.step_failed</comment>
        <translation>{operation}：{reason}</translation>
    </message>
    <message>
        <source>unknown operation {name!r}</source>
        <comment>imaging.unknown_operation</comment>
        <translation>未知的操作 {name!r}</translation>
    </message>
    <message>
        <source>{operation}: unknown parameter(s) {names}</source>
        <comment>imaging.unknown_parameters</comment>
        <translation>{operation}：未知的参数 {names}</translation>
    </message>
    <message>
        <source>{zip}: {reason}</source>
        <comment>import.bad_file</comment>
        <translation>{zip}：{reason}</translation>
    </message>
    <message>
        <source>{zip}: import cancelled</source>
        <comment>import.cancelled</comment>
        <translation>{zip}：导入已取消</translation>
    </message>
    <message>
        <source>Checking the test images</source>
        <comment>import.check_test</comment>
        <translation>正在检查测试图像</translation>
    </message>
    <message>
        <source>Checking the training images</source>
        <comment>import.check_train</comment>
        <translation>正在检查训练图像</translation>
    </message>
    <message>
        <source>{zip}: no {file} (or {file}.gz) inside; {dataset} needs {files}</source>
        <comment>import.missing_file</comment>
        <translation>{zip}：里面没有 {file}（或 {file}.gz）；{dataset} 需要 {files}</translation>
    </message>
    <message>
        <source>Imported into {folder}</source>
        <comment>import.done</comment>
        <translation>已导入到 {folder}</translation>
    </message>
    <message>
        <source>No data folder given</source>
        <comment>data.folder_empty</comment>
        <translation>未填写数据文件夹</translation>
    </message>
    <message>
        <source>Data folder {folder} is a file, not a folder</source>
        <comment>data.folder_is_file</comment>
        <translation>数据文件夹 {folder} 是一个文件，不是文件夹</translation>
    </message>
    <message>
        <source>Data folder {folder} does not exist</source>
        <comment>data.folder_missing</comment>
        <translation>数据文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>Data folder {folder} holds no dataset and cannot be written to, so none can be downloaded or imported into it</source>
        <comment>data.folder_read_only</comment>
        <translation>数据文件夹 {folder} 中没有数据集，且无法写入，因此无法向其中下载或导入数据集</translation>
    </message>
    <message>
        <source>Data folder {folder} cannot be read (no permission)</source>
        <comment>data.folder_unreadable</comment>
        <translation>无法读取数据文件夹 {folder}（没有权限）</translation>
    </message>
    <message>
        <source>{folder} holds dataset files, but Digit Lab only finds them in a folder named {mnist} or {fashion} (which one tells the datasets apart): rename the folder, or move the files into {mnist}/raw/ or {fashion}/raw/ inside the data folder</source>
        <comment>data.loose_files</comment>
        <translation>{folder} 中有数据集文件，但 Digit Lab 只在名为 {mnist} 或 {fashion} 的文件夹中查找它们（文件夹名用来区分两个数据集）：请重命名该文件夹，或把文件移到数据文件夹中的 {mnist}/raw/ 或 {fashion}/raw/</translation>
    </message>
    <message>
        <source>{folder} already holds {dataset} files; replace them?</source>
        <comment>import.exists</comment>
        <translation>{folder} 中已有 {dataset} 文件；要替换吗？</translation>
    </message>
    <message>
        <source>Unpacking {zip}</source>
        <comment>import.step_extract</comment>
        <translation>正在解压 {zip}</translation>
    </message>
    <message>
        <source>Moving the files into {folder}</source>
        <comment>import.step_move</comment>
        <translation>正在把文件移入 {folder}</translation>
    </message>
    <message>
        <source>{zip}: holds {count} files named {file}; keep one copy of {dataset}</source>
        <comment>import.two_copies</comment>
        <translation>{zip}：有 {count} 个名为 {file} 的文件；{dataset} 只保留一份</translation>
    </message>
    <message>
        <source>{inputs}-&gt;{outputs}, kernel {kernel}</source>
        <comment>inside.conv</comment>
        <translation>{inputs}-&gt;{outputs}，卷积核 {kernel}</translation>
    </message>
    <message>
        <source>{inputs}-&gt;{outputs}, kernel {kernel}, padding {padding}</source>
        <comment>inside.conv_padded</comment>
        <translation>{inputs}-&gt;{outputs}，卷积核 {kernel}，填充 {padding}</translation>
    </message>
    <message>
        <source>p={p:g} (off when predicting)</source>
        <comment>inside.dropout</comment>
        <translation>p={p:g}（预测时关闭）</translation>
    </message>
    <message>
        <source>{channels} channels</source>
        <comment>inside.norm</comment>
        <translation>{channels} 个通道</translation>
    </message>
    <message>
        <source>pad {padding}</source>
        <comment>inside.pad</comment>
        <translation>填充 {padding}</translation>
    </message>
    <message>
        <source>{reason}</source>
        <comment>lab.action_failed</comment>
        <translation>{reason}</translation>
    </message>
    <message>
        <source>Right: your run says {expected}.</source>
        <comment>lab.answer_right</comment>
        <translation>正确：你的运行结果是 {expected}。</translation>
    </message>
    <message>
        <source>Could not read {answer!r} as an answer to this question; your run says {expected}.</source>
        <comment>lab.answer_unreadable</comment>
        <translation>无法把 {answer!r} 识别为这个问题的答案；你的运行结果是 {expected}。</translation>
    </message>
    <message>
        <source>Not quite: your run says {expected}, you answered {answer}.</source>
        <comment>lab.answer_wrong</comment>
        <translation>不完全对：你的运行结果是 {expected}，你的回答是 {answer}。</translation>
    </message>
    <message>
        <source>{key}: {value!r} is not one of {choices}</source>
        <comment>lab.bad_choice</comment>
        <translation>{key}：{value!r} 不在 {choices} 之中</translation>
    </message>
    <message>
        <source>{key}: {value!r} must be yes or no</source>
        <comment>lab.bad_flag</comment>
        <translation>{key}：{value!r} 必须是 yes 或 no</translation>
    </message>
    <message>
        <source>{key} {value!r}: must be a whole number from {low} to {high}</source>
        <comment>lab.bad_header_number</comment>
        <translation>{key} {value!r}：必须是 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>id {value!r}: use lower-case letters, digits and &apos;-&apos;</source>
        <comment>lab.bad_id</comment>
        <translation>id {value!r}：只能使用小写字母、数字和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>steps: {op} {pair!r}: parameters are {known}</source>
        <comment>lab.bad_image_param</comment>
        <translation>steps: {op} {pair!r}：可用的参数是 {known}</translation>
    </message>
    <message>
        <source>language {value!r}: choose one of {choices}</source>
        <comment>lab.bad_language</comment>
        <translation>语言 {value!r}：请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{key}: {value!r} must be a number from {low:g} to {high:g}</source>
        <comment>lab.bad_number</comment>
        <translation>{key}：{value!r} 必须是 {low:g} 到 {high:g} 之间的数</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>lab.bad_pack</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{key}: {{{name}}} is not a placeholder here; use {known}</source>
        <comment>lab.bad_placeholder</comment>
        <translation>{key}：{{{name}}} 在这里不是占位符；可用的有 {known}</translation>
    </message>
    <message>
        <source>run: {value!r}: use a letter, then letters, digits, &apos;_&apos; or &apos;-&apos;</source>
        <comment>lab.bad_run_name</comment>
        <translation>run: {value!r}：以字母开头，其后只能是字母、数字、&apos;_&apos; 或 &apos;-&apos;</translation>
    </message>
    <message>
        <source>id {id} is a built-in lab&apos;s; choose another id</source>
        <comment>lab.builtin_id</comment>
        <translation>id {id} 已被内置实验使用；请换一个 id</translation>
    </message>
    <message>
        <source>control character U+{code:04X}</source>
        <comment>lab.control_char</comment>
        <translation>控制字符 U+{code:04X}</translation>
    </message>
    <message>
        <source>an &apos;{tag}&apos; block must be inside a step (after a &apos;## &apos; heading)</source>
        <comment>lab.directive_before_step</comment>
        <translation>&apos;{tag}&apos; 块必须位于某个步骤之内（在 &apos;## &apos; 标题之后）</translation>
    </message>
    <message>
        <source>{file}: id {id} is already used by {other}</source>
        <comment>lab.duplicate_id</comment>
        <translation>{file}：id {id} 已被 {other} 使用</translation>
    </message>
    <message>
        <source>{key} is given twice</source>
        <comment>lab.duplicate_key</comment>
        <translation>{key} 出现了两次</translation>
    </message>
    <message>
        <source>a step needs a title</source>
        <comment>lab.empty_heading</comment>
        <translation>步骤需要标题</translation>
    </message>
    <message>
        <source>{file}: holds no lab files</source>
        <comment>lab.empty_pack</comment>
        <translation>{file}：不包含实验文件</translation>
    </message>
    <message>
        <source>the title is empty</source>
        <comment>lab.empty_title</comment>
        <translation>标题为空</translation>
    </message>
    <message>
        <source>{file}:{line}: {reason}</source>
        <comment>lab.error_at</comment>
        <translation>{file}:{line}：{reason}</translation>
    </message>
    <message>
        <source>the header needs {key}</source>
        <comment>lab.missing_header_key</comment>
        <translation>文件头需要 {key}</translation>
    </message>
    <message>
        <source>{kind} needs a train run; {name!r} is not one</source>
        <comment>lab.needs_training_run</comment>
        <translation>{kind} 需要一次训练运行；{name!r} 不是</translation>
    </message>
    <message>
        <source>run {name!r} has no final test accuracy</source>
        <comment>lab.no_accuracy</comment>
        <translation>运行 {name!r} 没有最终测试准确率</translation>
    </message>
    <message>
        <source>a question needs ask: (its text)</source>
        <comment>lab.no_ask</comment>
        <translation>问题需要 ask:（问题的文字）</translation>
    </message>
    <message>
        <source>run {name!r} has no confusion matrix</source>
        <comment>lab.no_confusion</comment>
        <translation>运行 {name!r} 没有混淆矩阵</translation>
    </message>
    <message>
        <source>a lab starts with a &apos;---&apos; line, then its id and title</source>
        <comment>lab.no_front_matter</comment>
        <translation>实验文件必须以一行 &apos;---&apos; 开头，然后是它的 id 和标题</translation>
    </message>
    <message>
        <source>run {name!r} finished no epoch</source>
        <comment>lab.no_history</comment>
        <translation>运行 {name!r} 一个轮次也没有完成</translation>
    </message>
    <message>
        <source>run {name!r} made no mistakes on its test images: nothing is confused</source>
        <comment>lab.no_mistakes</comment>
        <translation>运行 {name!r} 在测试图像上没有出错：没有被混淆的数字</translation>
    </message>
    <message>
        <source>no bundled sample {name}</source>
        <comment>lab.no_sample</comment>
        <translation>没有内置样本 {name}</translation>
    </message>
    <message>
        <source>no steps: a lab needs at least one &apos;## &apos; heading</source>
        <comment>lab.no_steps</comment>
        <translation>没有步骤：实验至少需要一个 &apos;## &apos; 标题</translation>
    </message>
    <message>
        <source>expected &apos;key: value&apos;, found {text!r}</source>
        <comment>lab.not_key_value</comment>
        <translation>应为 &apos;key: value&apos;，实际是 {text!r}</translation>
    </message>
    <message>
        <source>{file}: {existing} already exists in {folder}; import again and allow replacing</source>
        <comment>lab.pack_exists</comment>
        <translation>{file}：{folder} 中已有 {existing}；请重新导入并允许替换</translation>
    </message>
    <message>
        <source>{member}: not a lab file (&lt;id&gt;.md or &lt;id&gt;.&lt;language&gt;.md)</source>
        <comment>lab.pack_not_lab</comment>
        <translation>{member}：不是实验文件（&lt;id&gt;.md 或 &lt;id&gt;.&lt;language&gt;.md）</translation>
    </message>
    <message>
        <source>{member}: the pack holds this file name twice</source>
        <comment>lab.pack_twice</comment>
        <translation>{member}：实验包中这个文件名出现了两次</translation>
    </message>
    <message>
        <source>{file} already exists; choose another name or allow replacing it</source>
        <comment>lab.report_exists</comment>
        <translation>{file} 已存在；请换一个名字，或允许替换它</translation>
    </message>
    <message>
        <source>{file}: the folder {folder} does not exist</source>
        <comment>lab.report_no_folder</comment>
        <translation>{file}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>lab.report_unwritable</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>run {name!r} has not been made yet</source>
        <comment>lab.run_missing</comment>
        <translation>还没有进行运行 {name!r}</translation>
    </message>
    <message>
        <source>run {name!r} is already made by an action above</source>
        <comment>lab.run_twice</comment>
        <translation>运行 {name!r} 已经由上面的操作产生</translation>
    </message>
    <message>
        <source>{folder}: cannot be used for this question: {reason}</source>
        <comment>lab.run_unreadable</comment>
        <translation>{folder}：不能用来回答这个问题：{reason}</translation>
    </message>
    <message>
        <source>runs {a!r} and {b!r} ended equal: neither is better</source>
        <comment>lab.runs_tie</comment>
        <translation>运行 {a!r} 和 {b!r} 结果相同：没有哪个更好</translation>
    </message>
    <message>
        <source>{key}: a &apos;{{&apos; or &apos;}}&apos; that is not a placeholder</source>
        <comment>lab.stray_brace</comment>
        <translation>{key}：有不属于占位符的 &apos;{{&apos; 或 &apos;}}&apos;</translation>
    </message>
    <message>
        <source>larger than the {most} bytes allowed</source>
        <comment>lab.too_large</comment>
        <translation>超过允许的 {most} 字节</translation>
    </message>
    <message>
        <source>step &apos;{title}&apos; has more than {most} actions or {most} questions</source>
        <comment>lab.too_many_directives</comment>
        <translation>步骤“{title}”的操作超过 {most} 个或问题超过 {most} 个</translation>
    </message>
    <message>
        <source>{folder}: more than {most} lab files; only the first are read</source>
        <comment>lab.too_many_files</comment>
        <translation>{folder}：实验文件超过 {most} 个；只读取前面的部分</translation>
    </message>
    <message>
        <source>more than {most} steps</source>
        <comment>lab.too_many_steps</comment>
        <translation>步骤超过 {most} 个</translation>
    </message>
    <message>
        <source>training failed: {reason}</source>
        <comment>lab.train_failed</comment>
        <translation>训练失败：{reason}</translation>
    </message>
    <message>
        <source>{key}: name two different runs, like &apos;a, b&apos;</source>
        <comment>lab.two_runs</comment>
        <translation>{key}：请写出两次不同的运行，例如 &apos;a, b&apos;</translation>
    </message>
    <message>
        <source>this ``` block is never closed</source>
        <comment>lab.unclosed_fence</comment>
        <translation>这个 ``` 块没有结束</translation>
    </message>
    <message>
        <source>the header is never closed by a &apos;---&apos; line</source>
        <comment>lab.unclosed_front_matter</comment>
        <translation>文件头没有用一行 &apos;---&apos; 结束</translation>
    </message>
    <message>
        <source>do: {value!r} is not an action; choose one of {choices}</source>
        <comment>lab.unknown_action</comment>
        <translation>do: {value!r} 不是一种操作；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>unknown key {key!r}; the header knows: {known}</source>
        <comment>lab.unknown_header_key</comment>
        <translation>未知的键 {key!r}；文件头可用的键：{known}</translation>
    </message>
    <message>
        <source>no lab {id!r}; labs: {known}</source>
        <comment>lab.unknown_id</comment>
        <translation>没有实验 {id!r}；现有实验：{known}</translation>
    </message>
    <message>
        <source>unknown key {key!r} in this {tag}; allowed: {allowed}</source>
        <comment>lab.unknown_key</comment>
        <translation>这个 {tag} 中有未知的键 {key!r}；允许的键：{allowed}</translation>
    </message>
    <message>
        <source>steps: {name!r} is not an image operation; choose one of {choices}</source>
        <comment>lab.unknown_operation</comment>
        <translation>steps: {name!r} 不是图像操作；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>kind: {value!r} is not a question kind; choose one of {choices}</source>
        <comment>lab.unknown_question</comment>
        <translation>kind: {value!r} 不是一种问题类型；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>no action above makes run {name!r} (runs so far: {known})</source>
        <comment>lab.unknown_run</comment>
        <translation>上面没有操作产生运行 {name!r}（目前的运行：{known}）</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>lab.unreadable</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{key}: longer than {most} characters</source>
        <comment>lab.value_too_long</comment>
        <translation>{key}：超过 {most} 个字符</translation>
    </message>
    <message>
        <source>a lab with id {id} in language {language} must be named {wanted}</source>
        <comment>lab.wrong_file_name</comment>
        <translation>id 为 {id}、语言为 {language} 的实验文件必须命名为 {wanted}</translation>
    </message>
    <message>
        <source>python_literal: {reason}</source>
        <comment>literal.bad_int</comment>
        <translation>python_literal：{reason}</translation>
    </message>
    <message>
        <source>python_literal: a {type} cannot be written as a literal (only str, int, float, bool, None, tuple, list, dict)</source>
        <comment>literal.bad_type</comment>
        <translation>python_literal：{type} 不能写成字面量（只能是 str、int、float、bool、None、tuple、list、dict）</translation>
    </message>
    <message>
        <source>python_literal: {value!r} is not a finite number</source>
        <comment>literal.not_finite</comment>
        <translation>python_literal：{value!r} 不是有限数</translation>
    </message>
    <message>
        <source>python_literal: nested more than 100 levels (or a cycle)</source>
        <comment>literal.too_deep</comment>
        <translation>python_literal：嵌套超过 100 层（或有循环）</translation>
    </message>
    <message>
        <source>the learning-rate range needs 0 &lt; start &lt; end (got {start:g} and {end:g})</source>
        <comment>lr_find.bad_range</comment>
        <translation>学习率范围需要 0 &lt; start &lt; end（得到 {start:g} 和 {end:g}）</translation>
    </message>
    <message>
        <source>the learning-rate range ends at {end:g}; the highest end is {most:g}</source>
        <comment>lr_find.end_too_high</comment>
        <translation>学习率范围的终点为 {end:g}；终点最高为 {most:g}</translation>
    </message>
    <message>
        <source>a fifth of the learning rate at the minimum of the smoothed loss</source>
        <comment>lr_find.rule</comment>
        <translation>平滑后损失最低处学习率的五分之一</translation>
    </message>
    <message>
        <source>model has no linear or convolutional layer</source>
        <comment>model.no_first_layer</comment>
        <translation>模型没有线性层或卷积层</translation>
    </message>
    <message>
        <source>unknown model {name!r}; choose one of: {choices}</source>
        <comment>model.unknown</comment>
        <translation>未知的模型 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>unknown init {name!r}; choose one of: {choices}</source>
        <comment>model.unknown_init</comment>
        <translation>未知的初始化 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>my_digits.bad_image</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>a label is a digit from 0 to 9</source>
        <comment>my_digits.bad_label</comment>
        <translation>标签是 0 到 9 的数字</translation>
    </message>
    <message>
        <source>{file}: {member} is not &lt;digit 0-9&gt;/&lt;name&gt;.png</source>
        <comment>my_digits.bad_member</comment>
        <translation>{file}：{member} 不是 &lt;数字 0-9&gt;/&lt;名字&gt;.png</translation>
    </message>
    <message>
        <source>{path}: holds no ink (an empty image)</source>
        <comment>my_digits.empty</comment>
        <translation>{path}：没有笔迹（空白图像）</translation>
    </message>
    <message>
        <source>{path}: not in {folder}</source>
        <comment>my_digits.not_ours</comment>
        <translation>{path}：不在 {folder} 中</translation>
    </message>
    <message>
        <source>{file}: more than {most} digits in all</source>
        <comment>my_digits.too_many</comment>
        <translation>{file}：数字总数超过 {most} 个</translation>
    </message>
    <message>
        <source>{path}: already exists (choose another name)</source>
        <comment>my_digits.zip_exists</comment>
        <translation>{path}：已存在（请换一个名字）</translation>
    </message>
    <message>
        <source>cannot save the name and note of {run}: {reason}</source>
        <comment>notes.cannot_write</comment>
        <translation>无法保存 {run} 的名称和备注：{reason}</translation>
    </message>
    <message>
        <source>the run folder {folder} is gone</source>
        <comment>notes.no_run</comment>
        <translation>运行文件夹 {folder} 已不存在</translation>
    </message>
    <message>
        <source>{file}: cannot be read as {dtype}: {reason}</source>
        <comment>npy.bad_data</comment>
        <translation>{file}：无法按 {dtype} 读取：{reason}</translation>
    </message>
    <message>
        <source>{file}: the .npy header is not valid: {reason}</source>
        <comment>npy.bad_header</comment>
        <translation>{file}：.npy 文件头无效：{reason}</translation>
    </message>
    <message>
        <source>{file}: the .npy header has an invalid shape {shape}</source>
        <comment>npy.bad_shape</comment>
        <translation>{file}：.npy 文件头中的形状 {shape} 无效</translation>
    </message>
    <message>
        <source>{file}: .npy format version {major}.{minor} is refused</source>
        <comment>npy.bad_version</comment>
        <translation>{file}：拒绝 .npy 格式版本 {major}.{minor}</translation>
    </message>
    <message>
        <source>{file}: shape {shape} of {dtype} needs {size} bytes, more than the {most} allowed</source>
        <comment>npy.data_too_large</comment>
        <translation>{file}：{dtype} 的形状 {shape} 需要 {size} 字节，超过允许的 {most}</translation>
    </message>
    <message>
        <source>{file}: dtype {dtype} is refused (only plain numbers)</source>
        <comment>npy.dtype_not_number</comment>
        <translation>{file}：拒绝 dtype {dtype}（只接受普通数字）</translation>
    </message>
    <message>
        <source>{file}: dtype {dtype} is refused (expected one of {allowed})</source>
        <comment>npy.dtype_refused</comment>
        <translation>{file}：拒绝 dtype {dtype}（应为 {allowed} 之一）</translation>
    </message>
    <message>
        <source>{file}: is an .npz archive, not a single .npy array</source>
        <comment>npy.is_npz</comment>
        <translation>{file}：是 .npz 压缩包，不是单个 .npy 数组</translation>
    </message>
    <message>
        <source>{file}: is a pickle, not a .npy array (pickle runs code)</source>
        <comment>npy.is_pickle</comment>
        <translation>{file}：是 pickle，不是 .npy 数组（pickle 会运行代码）</translation>
    </message>
    <message>
        <source>{file}: not a .npy file (no NumPy header)</source>
        <comment>npy.no_header</comment>
        <translation>{file}：不是 .npy 文件（没有 NumPy 文件头）</translation>
    </message>
    <message>
        <source>{file}: holds Python objects (dtype {dtype}), which need pickle</source>
        <comment>npy.objects</comment>
        <translation>{file}：含有需要 pickle 的 Python 对象（dtype {dtype}）</translation>
    </message>
    <message>
        <source>{file}: shape {shape} is not accepted here</source>
        <comment>npy.shape_not_accepted</comment>
        <translation>{file}：这里不接受形状 {shape}</translation>
    </message>
    <message>
        <source>{file}: shape {shape} refused: {reason}</source>
        <comment>npy.shape_refused</comment>
        <translation>{file}：拒绝形状 {shape}：{reason}</translation>
    </message>
    <message>
        <source>{file}: truncated while reading</source>
        <comment>npy.shrank</comment>
        <translation>{file}：读取时发现被截断</translation>
    </message>
    <message>
        <source>{file}: {size} bytes is larger than the {most} allowed</source>
        <comment>npy.too_large</comment>
        <translation>{file}：{size} 字节超过允许的 {most}</translation>
    </message>
    <message>
        <source>{file}: longer than its header says (the header promises {size} bytes of data, the file holds {available})</source>
        <comment>npy.too_long</comment>
        <translation>{file}：比文件头说的长（文件头声明 {size} 字节数据，文件中有 {available}）</translation>
    </message>
    <message>
        <source>{file}: truncated (the header promises {size} bytes of data, the file holds {available})</source>
        <comment>npy.truncated</comment>
        <translation>{file}：被截断（文件头声明 {size} 字节数据，文件中只有 {available}）</translation>
    </message>
    <message>
        <source>{file}: cannot be read: {reason}</source>
        <comment>npz.cannot_read</comment>
        <translation>{file}：无法读取：{reason}</translation>
    </message>
    <message>
        <source>{file}: {member} is not a .npy member</source>
        <comment>npz.not_npy_member</comment>
        <translation>{file}：{member} 不是 .npy 成员</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <comment>os.access_denied</comment>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>the disk is full (no space left on the device)</source>
        <comment>os.disk_full</comment>
        <translation>磁盘已满（设备上没有剩余空间）</translation>
    </message>
    <message>
        <source>the file is larger than this system allows</source>
        <comment>os.file_too_large</comment>
        <translation>文件大于本系统允许的大小</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <comment>os.is_a_directory</comment>
        <translation>是一个文件夹</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <comment>os.no_space</comment>
        <translation>设备上没有剩余空间</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <comment>os.no_such_file</comment>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <comment>os.not_a_directory</comment>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>permission denied</source>
        <comment>os.permission_denied</comment>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>the folder is on a read-only disk</source>
        <comment>os.read_only</comment>
        <translation>文件夹位于只读磁盘上</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <comment>os.read_only_system</comment>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>expected a 2-D gray or 3-D colour image, got {shape}</source>
        <comment>photo.bad_shape</comment>
        <translation>需要二维灰度或三维彩色图像，得到的是 {shape}</translation>
    </message>
    <message>
        <source>unknown activation {name!r}; choose one of {choices}</source>
        <comment>playground.unknown_activation</comment>
        <translation>未知的激活函数 {name!r}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>unknown model kind {name!r}; choose one of {choices}</source>
        <comment>playground.unknown_model</comment>
        <translation>未知的模型类型 {name!r}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>unknown optimizer {name!r}; choose one of {choices}</source>
        <comment>playground.unknown_optimizer</comment>
        <translation>未知的优化器 {name!r}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>unknown task {name!r}</source>
        <comment>playground.unknown_task</comment>
        <translation>未知的任务 {name!r}</translation>
    </message>
    <message>
        <source>{where}: expected 3 columns (x, y, label), found {count}</source>
        <comment>points.bad_columns</comment>
        <translation>{where}：应有 3 列（x, y, label），实际有 {count} 列</translation>
    </message>
    <message>
        <source>the test fraction must be between 0 and 0.9</source>
        <comment>points.bad_test_fraction</comment>
        <translation>测试比例必须在 0 到 0.9 之间</translation>
    </message>
    <message>
        <source>loading {file} was cancelled</source>
        <comment>points.cancelled</comment>
        <translation>已取消加载 {file}</translation>
    </message>
    <message>
        <source>cannot read {file}: {reason}</source>
        <comment>points.cannot_read</comment>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{where}: the label is empty</source>
        <comment>points.empty_label</comment>
        <translation>{where}：标签是空的</translation>
    </message>
    <message>
        <source>{file} does not exist</source>
        <comment>points.missing</comment>
        <translation>{file} 不存在</translation>
    </message>
    <message>
        <source>{file} holds no data rows (expected x, y, label)</source>
        <comment>points.no_rows</comment>
        <translation>{file} 中没有数据行（应为 x, y, label）</translation>
    </message>
    <message>
        <source>{file} is not a file</source>
        <comment>points.not_a_file</comment>
        <translation>{file} 不是文件</translation>
    </message>
    <message>
        <source>{where}: {cell} is not a number</source>
        <comment>points.not_a_number</comment>
        <translation>{where}：{cell} 不是数字</translation>
    </message>
    <message>
        <source>{where}: coordinates must be finite numbers</source>
        <comment>points.not_finite</comment>
        <translation>{where}：坐标必须是有限数</translation>
    </message>
    <message>
        <source>{file}: the coordinates do not fit in 32-bit floats</source>
        <comment>points.not_float32</comment>
        <translation>{file}：坐标超出 32 位浮点数的范围</translation>
    </message>
    <message>
        <source>{file} is not a text CSV file (UTF-8 expected)</source>
        <comment>points.not_text</comment>
        <translation>{file} 不是文本 CSV 文件（应为 UTF-8）</translation>
    </message>
    <message>
        <source>{points} points, {classes} classes from {file}{sampled}{scaled}</source>
        <comment>points.note</comment>
        <translation>来自 {file} 的 {points} 个点、{classes} 个类别{sampled}{scaled}</translation>
    </message>
    <message>
        <source> (rescaled to [-1, 1])</source>
        <comment>points.note_rescaled</comment>
        <translation>（已缩放到 [-1, 1]）</translation>
    </message>
    <message>
        <source> (all points are at the same place)</source>
        <comment>points.note_same_place</comment>
        <translation>（所有点都在同一位置）</translation>
    </message>
    <message>
        <source> (a seeded random sample of its {rows:,} rows: the playground uses at most {most:,})</source>
        <comment>points.note_sampled</comment>
        <translation>（从其 {rows:,} 行中按种子随机抽样：游乐场最多使用 {most:,} 行）</translation>
    </message>
    <message>
        <source>{file} has only one label ({label}); need two or more</source>
        <comment>points.one_label</comment>
        <translation>{file} 只有一种标签（{label}）；至少需要两种</translation>
    </message>
    <message>
        <source>{file} has {rows} points; at least 4 are needed</source>
        <comment>points.too_few</comment>
        <translation>{file} 有 {rows} 个点；至少需要 4 个</translation>
    </message>
    <message>
        <source>{file} is {megabytes:.0f} MB; the playground reads CSV files up to {most} MB</source>
        <comment>points.too_large</comment>
        <translation>{file} 有 {megabytes:.0f} MB；游乐场最多读取 {most} MB 的 CSV 文件</translation>
    </message>
    <message>
        <source>{where}: {cell} is too large (32-bit floats, which the playground trains in, reach about ±3.4e38)</source>
        <comment>points.too_large_value</comment>
        <translation>{where}：{cell} 太大（游乐场训练所用的 32 位浮点数最大约 ±3.4e38）</translation>
    </message>
    <message>
        <source>{file} has at least {count} different labels (line {line} adds {label}); the playground shows at most {most}</source>
        <comment>points.too_many_labels</comment>
        <translation>{file} 至少有 {count} 种不同的标签（第 {line} 行加入了 {label}）；游乐场最多显示 {most} 种</translation>
    </message>
    <message>
        <source>unknown data set {name!r}; choose one of {choices}</source>
        <comment>points.unknown_dataset</comment>
        <translation>未知的数据集 {name!r}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{where}: this row cannot be used</source>
        <comment>points.unusable_row</comment>
        <translation>{where}：这一行无法使用</translation>
    </message>
    <message>
        <source>{file}, line {line}</source>
        <comment>points.where</comment>
        <translation>{file}，第 {line} 行</translation>
    </message>
    <message>
        <source>cannot resume: {name} was trained with dataset {old!r}, the run asks for {new!r}; a resumed run cannot change its dataset</source>
        <comment>resume.dataset_changed</comment>
        <translation>无法继续：{name} 是用数据集 {old!r} 训练的，而这次要求 {new!r}；继续训练不能更换数据集</translation>
    </message>
    <message>
        <source>cannot resume: {name} was trained with model {old!r}, the run asks for {new!r}; a resumed run cannot change its model</source>
        <comment>resume.model_changed</comment>
        <translation>无法继续：{name} 是用模型 {old!r} 训练的，而这次要求 {new!r}；继续训练不能更换模型</translation>
    </message>
    <message>
        <source>{name} holds no optimizer state (a copy for inference?): {optimizer} starts fresh from the saved weights</source>
        <comment>resume.no_optimizer_state</comment>
        <translation>{name} 中没有优化器状态（是用于推理的副本？）：{optimizer} 从保存的权重重新开始</translation>
    </message>
    <message>
        <source>the one-cycle schedule was planned over {old} epochs and now spans {new}: from epoch {epoch} the learning rate follows the {new}-epoch curve, not the one this run started on</source>
        <comment>resume.onecycle_epochs_changed</comment>
        <translation>one-cycle 调度原本按 {old} 轮规划，现在为 {new} 轮：从第 {epoch} 轮起学习率按 {new} 轮的曲线变化，而不是这次运行开始时的曲线</translation>
    </message>
    <message>
        <source>optimizer changed from {old} to {new}: the saved {old} state does not apply, {new} starts fresh from the saved weights</source>
        <comment>resume.optimizer_changed</comment>
        <translation>优化器从 {old} 改为 {new}：保存的 {old} 状态不适用，{new} 从保存的权重重新开始</translation>
    </message>
    <message>
        <source>{name}: the saved optimizer state does not fit {optimizer} ({reason})</source>
        <comment>resume.optimizer_state_does_not_fit</comment>
        <translation>{name}：保存的优化器状态与 {optimizer} 不匹配（{reason}）</translation>
    </message>
    <message>
        <source>learning-rate schedule changed from {old} to {new} at epoch {epoch}</source>
        <comment>resume.schedule_changed</comment>
        <translation>学习率调度在第 {epoch} 轮从 {old} 改为 {new}</translation>
    </message>
    <message>
        <source>the checkpoint</source>
        <comment>resume.unnamed</comment>
        <translation>检查点</translation>
    </message>
    <message>
        <source>{name}: weights do not fit model {model!r}: {reason}</source>
        <comment>resume.weights_do_not_fit</comment>
        <translation>{name}：权重与模型 {model!r} 不匹配：{reason}</translation>
    </message>
    <message>
        <source>cannot create run folder {folder}: {reason}</source>
        <comment>run.cannot_create</comment>
        <translation>无法创建运行文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <source>cannot create a run folder in {folder}: {reason}</source>
        <comment>run.cannot_create_in</comment>
        <translation>无法在 {folder} 中创建运行文件夹：{reason}</translation>
    </message>
    <message>
        <source>cannot delete {run}: {reason}</source>
        <comment>run.cannot_delete</comment>
        <translation>无法删除 {run}：{reason}</translation>
    </message>
    <message>
        <source>cannot replace {path}: {reason}</source>
        <comment>run.cannot_replace</comment>
        <translation>无法替换 {path}：{reason}</translation>
    </message>
    <message>
        <source>cannot replace the weight statistics: {reason}</source>
        <comment>run.cannot_replace_stats</comment>
        <translation>无法替换权重统计：{reason}</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <comment>run.cannot_write</comment>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>run.config_invalid</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{file} is missing</source>
        <comment>run.config_missing</comment>
        <translation>缺少 {file}</translation>
    </message>
    <message>
        <source>{file} holds a {type}, not settings</source>
        <comment>run.config_not_dict</comment>
        <translation>{file} 中是 {type}，不是设置</translation>
    </message>
    <message>
        <source>{folder} is not a run folder of {root}: nothing was deleted</source>
        <comment>run.delete_not_run</comment>
        <translation>{folder} 不是 {root} 中的运行文件夹：未删除任何内容</translation>
    </message>
    <message>
        <source>{run} is being trained by another program: stop it first</source>
        <comment>run.delete_running</comment>
        <translation>{run} 正由另一个程序训练：请先停止它</translation>
    </message>
    <message>
        <source>{run} is training now: stop it first</source>
        <comment>run.delete_training</comment>
        <translation>{run} 正在训练：请先停止它</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>run.file_problem</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>its process ended without finishing (killed or crashed) after {epochs} epoch(s); resume it to continue from the last checkpoint</source>
        <comment>run.interrupted</comment>
        <translation>它的进程在 {epochs} 轮后未完成就结束了（被终止或崩溃）；继续训练可从最后一个检查点接着运行</translation>
    </message>
    <message>
        <source>{file}: unusable rows (line {lines})</source>
        <comment>run.metrics_unusable</comment>
        <translation>{file}：无法使用的行（第 {lines} 行）</translation>
    </message>
    <message>
        <source>no status.json</source>
        <comment>run.no_status</comment>
        <translation>没有 status.json</translation>
    </message>
    <message>
        <source>{run} could not be moved to the trash: {reason}</source>
        <comment>run.no_trash</comment>
        <translation>{run} 无法移到回收站：{reason}</translation>
    </message>
    <message>
        <source>{file} is not valid JSON</source>
        <comment>run.not_json</comment>
        <translation>{file} 不是有效的 JSON</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <comment>run.problems</comment>
        <translation>{first}；{rest}</translation>
    </message>
    <message>
        <source>{file} holds no known state ({state!r})</source>
        <comment>run.status_unknown</comment>
        <translation>{file} 中没有已知的状态（{state!r}）</translation>
    </message>
    <message>
        <source>target {target} is not one of the {classes} classes</source>
        <comment>softmax.bad_target</comment>
        <translation>目标 {target} 不在 {classes} 个类别之中</translation>
    </message>
    <message>
        <source>batches is not a count</source>
        <comment>stats.bad_batches</comment>
        <translation>batches 不是计数</translation>
    </message>
    <message>
        <source>epoch is not a whole number from 1 to 10,000</source>
        <comment>stats.bad_epoch</comment>
        <translation>epoch 不是 1 到 10,000 之间的整数</translation>
    </message>
    <message>
        <source>{file} line {line}: {reason}</source>
        <comment>stats.bad_line</comment>
        <translation>{file} 第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>cannot write the weight statistics of epoch {epoch}: {reason}</source>
        <comment>stats.cannot_write</comment>
        <translation>无法写入第 {epoch} 轮的权重统计：{reason}</translation>
    </message>
    <message>
        <source>{name}.counts holds something other than counts</source>
        <comment>stats.counts_not_counts</comment>
        <translation>{name}.counts 中含有不是计数的内容</translation>
    </message>
    <message>
        <source>{name}.counts is not a list of 1 to 1024 counts</source>
        <comment>stats.counts_not_list</comment>
        <translation>{name}.counts 不是包含 1 到 1024 个计数的列表</translation>
    </message>
    <message>
        <source>{folder}: {reason}</source>
        <comment>stats.folder_unreadable</comment>
        <translation>{folder}：{reason}</translation>
    </message>
    <message>
        <source>{name}: hi is below lo</source>
        <comment>stats.hi_below_lo</comment>
        <translation>{name}：hi 小于 lo</translation>
    </message>
    <message>
        <source>a layer without a name</source>
        <comment>stats.layer_unnamed</comment>
        <translation>一个没有名字的层</translation>
    </message>
    <message>
        <source>layers is not a list</source>
        <comment>stats.layers_not_list</comment>
        <translation>layers 不是列表</translation>
    </message>
    <message>
        <source>{name} is not a finite number</source>
        <comment>stats.not_finite</comment>
        <translation>{name} 不是有限数</translation>
    </message>
    <message>
        <source>{name} is not an object</source>
        <comment>stats.not_object</comment>
        <translation>{name} 不是对象</translation>
    </message>
    <message>
        <source>not an object</source>
        <comment>stats.row_not_object</comment>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <comment>stats.unreadable</comment>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{file}: holds NaN or infinite weights</source>
        <comment>stats.weights_not_finite</comment>
        <translation>{file}：含有 NaN 或无穷的权重</translation>
    </message>
    <message>
        <source>stopped early by ASHA</source>
        <comment>sweep.asha_stopped</comment>
        <translation>被 ASHA 提前停止</translation>
    </message>
    <message>
        <source>--random {text!r}: expected {name}=DIST:LOW:HIGH with DIST one of loguniform, uniform, int, or {name}=choice:A:B</source>
        <comment>sweep.bad_distribution</comment>
        <translation>--random {text!r}：应为 {name}=DIST:LOW:HIGH，DIST 为 loguniform、uniform、int 之一，或 {name}=choice:A:B</translation>
    </message>
    <message>
        <source>--name {name!r}: use a plain folder name</source>
        <comment>sweep.bad_name</comment>
        <translation>--name {name!r}：请使用普通的文件夹名</translation>
    </message>
    <message>
        <source>--random {text!r}: needs LOW &lt; HIGH</source>
        <comment>sweep.bad_order</comment>
        <translation>--random {text!r}：需要 LOW &lt; HIGH</translation>
    </message>
    <message>
        <source>--random {text!r}: needs 0 &lt; LOW &lt; HIGH</source>
        <comment>sweep.bad_range</comment>
        <translation>--random {text!r}：需要 0 &lt; LOW &lt; HIGH</translation>
    </message>
    <message>
        <source>{flag} {text!r}: expected NAME=VALUES, for example {example}</source>
        <comment>sweep.bad_spec</comment>
        <translation>{flag} {text!r}：应为 NAME=VALUES，例如 {example}</translation>
    </message>
    <message>
        <source>a trial cannot run: {reason}</source>
        <comment>sweep.bad_trial</comment>
        <translation>试验无法运行：{reason}</translation>
    </message>
    <message>
        <source>{flag}: {reason}</source>
        <comment>sweep.bad_value</comment>
        <translation>{flag}：{reason}</translation>
    </message>
    <message>
        <source>--events {path}: not a regular file</source>
        <comment>sweep.events_not_file</comment>
        <translation>--events {path}：不是普通文件</translation>
    </message>
    <message>
        <source>--events {path}: cannot write there ({reason})</source>
        <comment>sweep.events_unwritable</comment>
        <translation>--events {path}：无法写入（{reason}）</translation>
    </message>
    <message>
        <source>{name} is given to both --grid and --random; choose one</source>
        <comment>sweep.grid_and_random</comment>
        <translation>{name} 同时给了 --grid 和 --random；请只选一个</translation>
    </message>
    <message>
        <source>--name {name}: a sweep of that name is already in {root}; choose another</source>
        <comment>sweep.name_taken</comment>
        <translation>--name {name}：{root} 中已有同名的参数扫描；请换一个名字</translation>
    </message>
    <message>
        <source>no free sweep name in {root}</source>
        <comment>sweep.no_name</comment>
        <translation>{root} 中没有可用的参数扫描名称</translation>
    </message>
    <message>
        <source>a sweep trains on one dataset: give --dataset instead of varying it</source>
        <comment>sweep.one_dataset</comment>
        <translation>一次参数扫描只在一个数据集上训练：请用 --dataset 指定，而不要改变它</translation>
    </message>
    <message>
        <source>cannot start or reach Ray ({where}): {reason}</source>
        <comment>sweep.ray_start</comment>
        <translation>无法启动或连接 Ray（{where}）：{reason}</translation>
    </message>
    <message>
        <source>--grid {text!r}: a value is given twice</source>
        <comment>sweep.repeated_value</comment>
        <translation>--grid {text!r}：有一个值给了两次</translation>
    </message>
    <message>
        <source>sweep stopped</source>
        <comment>sweep.stopped</comment>
        <translation>参数扫描已停止</translation>
    </message>
    <message>
        <source>this sweep asks for {count} trials; at most {limit} are allowed</source>
        <comment>sweep.too_many</comment>
        <translation>这次参数扫描要求 {count} 个试验；最多允许 {limit} 个</translation>
    </message>
    <message>
        <source>{flag} {name}: not a training option a sweep can vary; choose one of: {names}</source>
        <comment>sweep.unknown_option</comment>
        <translation>{flag} {name}：不是参数扫描可以改变的训练选项；请从以下选择：{names}</translation>
    </message>
    <message>
        <source>cannot reach Ray at {address}: {reason}</source>
        <comment>sweep.unreachable</comment>
        <translation>无法连接到 {address} 上的 Ray：{reason}</translation>
    </message>
    <message>
        <source>{file}: line {line}: not UTF-8 text (byte 0x{byte:02x})</source>
        <comment>text.not_utf8</comment>
        <translation>{file}：第 {line} 行：不是 UTF-8 文本（字节 0x{byte:02x}）</translation>
    </message>
    <message>
        <source>{file}: line {line}: a NUL byte (binary data, not text)</source>
        <comment>text.nul_byte</comment>
        <translation>{file}：第 {line} 行：有 NUL 字节（是二进制数据，不是文本）</translation>
    </message>
    <message>
        <source>{file}: larger than the {most} bytes allowed</source>
        <comment>text.too_large</comment>
        <translation>{file}：超过允许的 {most} 字节</translation>
    </message>
    <message>
        <source>cannot save the checkpoint of epoch {epoch}: {reason}</source>
        <comment>train.cannot_save_checkpoint</comment>
        <translation>无法保存第 {epoch} 轮的检查点：{reason}</translation>
    </message>
    <message>
        <source>loss became {loss} at epoch {epoch}, batch {batch}: try a smaller learning rate</source>
        <comment>train.diverged_batch</comment>
        <translation>损失在第 {epoch} 轮第 {batch} 批次变成了 {loss}：请试试更小的学习率</translation>
    </message>
    <message>
        <source>loss became NaN/inf in epoch {epoch}</source>
        <comment>train.diverged_epoch</comment>
        <translation>损失在第 {epoch} 轮变成了 NaN/inf</translation>
    </message>
    <message>
        <source>epoch {epoch} of {epochs}</source>
        <comment>train.epoch_of</comment>
        <translation>第 {epoch}/{epochs} 轮</translation>
    </message>
    <message>
        <source>interrupted; resume it to continue</source>
        <comment>train.interrupted</comment>
        <translation>已中断；继续训练即可接着运行</translation>
    </message>
    <message>
        <source>{reason}; the checkpoint of epoch {epoch} is kept</source>
        <comment>train.save_failed</comment>
        <translation>{reason}；保留第 {epoch} 轮的检查点</translation>
    </message>
    <message>
        <source>{reason}; nothing saved</source>
        <comment>train.save_failed_first</comment>
        <translation>{reason}；没有保存任何内容</translation>
    </message>
    <message>
        <source>(the run&apos;s status could not be saved: {reason})</source>
        <comment>train.status_unsaved</comment>
        <translation>（无法保存运行状态：{reason}）</translation>
    </message>
    <message>
        <source>{message} (the run&apos;s status could not be saved: {reason})</source>
        <comment>train.status_unsaved_after</comment>
        <translation>{message}（无法保存运行状态：{reason}）</translation>
    </message>
    <message>
        <source>stopped during epoch {epoch}</source>
        <comment>train.stopped</comment>
        <translation>在第 {epoch} 轮中停止</translation>
    </message>
    <message>
        <source>{where}: an absolute path</source>
        <comment>zip.absolute_path</comment>
        <translation>{where}：绝对路径</translation>
    </message>
    <message>
        <source>{file}: {member}: cannot be extracted: {reason}</source>
        <comment>zip.cannot_extract</comment>
        <translation>{file}：{member}：无法解压：{reason}</translation>
    </message>
    <message>
        <source>{where}: a drive letter or &apos;:&apos; in a member name</source>
        <comment>zip.drive_letter</comment>
        <translation>{where}：成员名中有盘符或 &apos;:&apos;</translation>
    </message>
    <message>
        <source>{file}: {member} appears twice</source>
        <comment>zip.duplicate</comment>
        <translation>{file}：{member} 出现了两次</translation>
    </message>
    <message>
        <source>{file}: a member has an empty name</source>
        <comment>zip.empty_name</comment>
        <translation>{file}：有一个成员的名字是空的</translation>
    </message>
    <message>
        <source>{where}: encrypted</source>
        <comment>zip.encrypted</comment>
        <translation>{where}：已加密</translation>
    </message>
    <message>
        <source>{file}: not a valid zip archive: {reason}</source>
        <comment>zip.invalid</comment>
        <translation>{file}：不是有效的 zip 压缩包：{reason}</translation>
    </message>
    <message>
        <source>{where}: unpacks to more than its size allows</source>
        <comment>zip.member_too_large</comment>
        <translation>{where}：解压后超过它的大小所允许的范围</translation>
    </message>
    <message>
        <source>{file}: not a zip archive</source>
        <comment>zip.not_zip</comment>
        <translation>{file}：不是 zip 压缩包</translation>
    </message>
    <message>
        <source>{file}: {member} would be written outside {folder}</source>
        <comment>zip.outside</comment>
        <translation>{file}：{member} 会被写到 {folder} 之外</translation>
    </message>
    <message>
        <source>{file}: {member} overlaps another member&apos;s data</source>
        <comment>zip.overlap</comment>
        <translation>{file}：{member} 与另一个成员的数据重叠</translation>
    </message>
    <message>
        <source>{where}: a &apos;..&apos; in a member name</source>
        <comment>zip.parent_dir</comment>
        <translation>{where}：成员名中有 &apos;..&apos;</translation>
    </message>
    <message>
        <source>{where}: unpacks to more than {ratio:g} times its size</source>
        <comment>zip.ratio_too_high</comment>
        <translation>{where}：解压后超过其大小的 {ratio:g} 倍</translation>
    </message>
    <message>
        <source>{where}: a special file (device, FIFO or socket)</source>
        <comment>zip.special_file</comment>
        <translation>{where}：特殊文件（设备、FIFO 或套接字）</translation>
    </message>
    <message>
        <source>{where}: a symbolic link</source>
        <comment>zip.symlink</comment>
        <translation>{where}：符号链接</translation>
    </message>
    <message>
        <source>{file}: {member}: {target} already exists</source>
        <comment>zip.target_exists</comment>
        <translation>{file}：{member}：{target} 已存在</translation>
    </message>
    <message>
        <source>{file}: unpacks to {size} bytes, more than the {most} allowed</source>
        <comment>zip.too_large</comment>
        <translation>{file}：解压后为 {size} 字节，超过允许的 {most}</translation>
    </message>
    <message>
        <source>{file}: more than {most} members</source>
        <comment>zip.too_many_members</comment>
        <translation>{file}：成员超过 {most} 个</translation>
    </message>
    <message>
        <source>{where}: compression method {method} is not supported</source>
        <comment>zip.unsupported_method</comment>
        <translation>{where}：不支持压缩方法 {method}</translation>
    </message>
</context>
<context>
    <name>core_labels</name>
    <message>
        <source>784-512-256-10 with ReLU</source>
        <translation>784-512-256-10，ReLU 激活</translation>
    </message>
    <message>
        <source>784-512-256-128-64-10 with ReLU</source>
        <translation>784-512-256-128-64-10，ReLU 激活</translation>
    </message>
    <message>
        <source>A photo of digits on paper as the Draw tab and digit-lab predict clean it: lighting and paper colour removed, ink picked by Otsu, specks dropped; black ink on white.</source>
        <translation>像手写页和 digit-lab predict 那样清理一张纸上数字的照片：去掉光照和纸张颜色，用 Otsu 方法选出墨迹，去掉小斑点；白底黑字。</translation>
    </message>
    <message>
        <source>Adaptive equalization (CLAHE)</source>
        <translation>自适应均衡化 (CLAHE)</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>分箱数</translation>
    </message>
    <message>
        <source>CNN</source>
        <translation>CNN</translation>
    </message>
    <message>
        <source>CNN, large</source>
        <translation>CNN（大）</translation>
    </message>
    <message>
        <source>Canny edges</source>
        <translation>Canny 边缘</translation>
    </message>
    <message>
        <source>Change the storage type; the range is rescaled.</source>
        <translation>改变存储类型；取值范围会相应缩放。</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Clean up photo</source>
        <translation>清理照片</translation>
    </message>
    <message>
        <source>Clip limit</source>
        <translation>裁剪限制</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Contrast stretch</source>
        <translation>对比度拉伸</translation>
    </message>
    <message>
        <source>Convert dtype</source>
        <translation>转换数据类型</translation>
    </message>
    <message>
        <source>Deep MLP</source>
        <translation>深层 MLP</translation>
    </message>
    <message>
        <source>Digit Lab&apos;s fast recipe (no lesson): 99% in one epoch, seconds on a CPU</source>
        <translation>Digit Lab 的快速配方（非课程内容）：一轮达到 99%，CPU 上只需几秒</translation>
    </message>
    <message>
        <source>Digit Lab&apos;s first CNN (the bundled Draw model): 3x3 convs, 32 and 64 channels, dropout</source>
        <translation>Digit Lab 最早的 CNN（手写页内置模型）：3x3 卷积，32 和 64 通道，dropout</translation>
    </message>
    <message>
        <source>Digit Lab&apos;s first recipe: 99.3% in 3 epochs</source>
        <translation>Digit Lab 最早的配方：3 轮达到 99.3%</translation>
    </message>
    <message>
        <source>Digit Lab&apos;s long recipe (no lesson): 12 epochs; with light augmentation, 99.5%</source>
        <translation>Digit Lab 的长配方（非课程内容）：12 轮，配合轻度数据增强可达 99.5%</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Equalize tile by tile, limiting contrast to keep noise down.</source>
        <translation>逐块均衡，限制对比度以抑制噪声。</translation>
    </message>
    <message>
        <source>Fill holes</source>
        <translation>填充孔洞</translation>
    </message>
    <message>
        <source>Fill regions enclosed by a mask.</source>
        <translation>填充掩码围住的区域。</translation>
    </message>
    <message>
        <source>Flatten the histogram of the whole image.</source>
        <translation>把整幅图像的直方图拉平。</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>High percentile</source>
        <translation>高百分位</translation>
    </message>
    <message>
        <source>High threshold</source>
        <translation>高阈值</translation>
    </message>
    <message>
        <source>Histogram equalization</source>
        <translation>直方图均衡化</translation>
    </message>
    <message>
        <source>How many passes over the whole training set.</source>
        <translation>完整遍历训练集的次数。</translation>
    </message>
    <message>
        <source>How weights are drawn before training (default = PyTorch&apos;s choice).</source>
        <translation>训练前如何初始化权重（default = PyTorch 的默认方式）。</translation>
    </message>
    <message>
        <source>Images per gradient step. Smaller batches: noisier, more steps per epoch.</source>
        <translation>每次梯度更新使用的图像数。批次越小：噪声越大，每轮步数越多。</translation>
    </message>
    <message>
        <source>Initialisations compared (MLP)</source>
        <translation>初始化方法对比（MLP）</translation>
    </message>
    <message>
        <source>Initialisations compared (softmax)</source>
        <translation>初始化方法对比（softmax）</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反转</translation>
    </message>
    <message>
        <source>Jupyter notebook: the script&apos;s code in cells, with notes between them</source>
        <translation>Jupyter 笔记本：脚本代码分成单元格，中间附有说明</translation>
    </message>
    <message>
        <source>Keep one colour channel as a gray image.</source>
        <translation>保留一个颜色通道，作为灰度图像。</translation>
    </message>
    <message>
        <source>Kernel size (px)</source>
        <translation>核大小（像素）</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>LeCun 1998: conv 6@5x5, pool, conv 16@5x5, pool, 120, 84, with ReLU and max pooling</source>
        <translation>LeCun 1998：卷积 6@5x5，池化，卷积 16@5x5，池化，120，84，使用 ReLU 和最大池化</translation>
    </message>
    <message>
        <source>LeCun et al. 1998, trained with Digit Lab&apos;s one-cycle Adam</source>
        <translation>LeCun 等 1998，用 Digit Lab 的 one-cycle Adam 训练</translation>
    </message>
    <message>
        <source>LeNet-5</source>
        <translation>LeNet-5</translation>
    </message>
    <message>
        <source>LeNet-5 (1998 original)</source>
        <translation>LeNet-5（1998 原版）</translation>
    </message>
    <message>
        <source>LeNet-5 with the paper&apos;s tanh and average pooling</source>
        <translation>LeNet-5，使用论文中的 tanh 和平均池化</translation>
    </message>
    <message>
        <source>Learning rate too small / right / too large (MLP)</source>
        <translation>学习率太小 / 合适 / 太大（MLP）</translation>
    </message>
    <message>
        <source>Learning rate too small / right / too large (softmax)</source>
        <translation>学习率太小 / 合适 / 太大（softmax）</translation>
    </message>
    <message>
        <source>Low percentile</source>
        <translation>低百分位</translation>
    </message>
    <message>
        <source>Low threshold</source>
        <translation>低阈值</translation>
    </message>
    <message>
        <source>Luminance, float in [0, 1].</source>
        <translation>亮度，[0, 1] 范围内的浮点数。</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Map the low..high percentiles to the full range.</source>
        <translation>把低到高百分位映射到完整范围。</translation>
    </message>
    <message>
        <source>Mask of the pixels brighter than a level.</source>
        <translation>比某个水平更亮的像素组成的掩码。</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>ONNX model: the trained weights, to run with onnxruntime or any ONNX runtime</source>
        <translation>ONNX 模型：训练好的权重，可用 onnxruntime 或任何 ONNX 运行时运行</translation>
    </message>
    <message>
        <source>One channel</source>
        <translation>单个通道</translation>
    </message>
    <message>
        <source>One-pixel edges where the gradient is strong.</source>
        <translation>在梯度强的地方得到一个像素宽的边缘。</translation>
    </message>
    <message>
        <source>Optimizers compared (MLP)</source>
        <translation>优化器对比（MLP）</translation>
    </message>
    <message>
        <source>Optimizers compared (softmax)</source>
        <translation>优化器对比（softmax）</translation>
    </message>
    <message>
        <source>Plain SGD, SGD with momentum and Adam at the same learning rate, 0.01.</source>
        <translation>普通 SGD、带动量的 SGD 和 Adam，学习率都是 0.01。</translation>
    </message>
    <message>
        <source>Plain SGD, SGD with momentum and Adam at the same learning rate, 0.01: plain SGD is the slowest to start.</source>
        <translation>普通 SGD、带动量的 SGD 和 Adam，学习率都是 0.01：普通 SGD 起步最慢。</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Pulls weights towards zero each step (L2 regularisation).</source>
        <translation>每一步把权重拉向零（L2 正则化）。</translation>
    </message>
    <message>
        <source>Python script: the same training in plain PyTorch, to read, run and change</source>
        <translation>Python 脚本：用纯 PyTorch 写的同样的训练，可阅读、运行和修改</translation>
    </message>
    <message>
        <source>RGB to BGR</source>
        <translation>RGB 转 BGR</translation>
    </message>
    <message>
        <source>Random jitter of training images. light: small shifts and rotations (best on MNIST&apos;s test set); draw: also scale and pen width (helps with hand-drawn digits; what --augment alone means).</source>
        <translation>对训练图像随机扰动。light：小幅平移和旋转（在 MNIST 测试集上最好）；draw：还改变缩放和笔画粗细（有助于识别手写数字；即单独使用 --augment 的含义）。</translation>
    </message>
    <message>
        <source>Same seed + same settings = the same run, number for number.</source>
        <translation>相同的随机种子 + 相同的设置 = 每个数字都相同的运行。</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sigma</source>
        <translation>Sigma</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Softmax regression</source>
        <translation>Softmax 回归</translation>
    </message>
    <message>
        <source>Softmax regression from scratch</source>
        <translation>从零实现的 Softmax 回归</translation>
    </message>
    <message>
        <source>Softmax regression is one linear layer: its loss is convex, so every initialisation ends in about the same place.</source>
        <translation>Softmax 回归只有一个线性层：它的损失是凸的，所以每种初始化最后都差不多落在同一个地方。</translation>
    </message>
    <message>
        <source>Swap the red and blue channels.</source>
        <translation>交换红色和蓝色通道。</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>The MLP with PyTorch&apos;s default, a plain normal (std 1: far too large), Xavier and Kaiming initialisation.</source>
        <translation>MLP 分别使用 PyTorch 默认初始化、普通正态分布（标准差 1：太大了）、Xavier 和 Kaiming 初始化。</translation>
    </message>
    <message>
        <source>The MLP with three learning rates: 0.001 barely moves, 0.1 learns, 3 diverges or gets stuck.</source>
        <translation>MLP 用三个学习率：0.001 几乎不动，0.1 能学会，3 会发散或卡住。</translation>
    </message>
    <message>
        <source>The images to learn from.</source>
        <translation>用来学习的图像。</translation>
    </message>
    <message>
        <source>The network to train; its lesson&apos;s settings fill in the rest.</source>
        <translation>要训练的网络；其余设置取自它所在课程。</translation>
    </message>
    <message>
        <source>The same softmax regression with three learning rates: 0.001 barely moves, 0.1 learns, 10 jumps around (or diverges).</source>
        <translation>同一个 softmax 回归用三个学习率：0.001 几乎不动，0.1 能学会，10 来回跳动（或发散）。</translation>
    </message>
    <message>
        <source>The size of each step. Too large and the loss explodes.</source>
        <translation>每一步的大小。太大会让损失发散。</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Train towards 1 - this for the true class and spread the rest over the others: a less overconfident model, often a slightly better one.</source>
        <translation>真实类别的目标设为 1 减去此值，其余平均分给其他类别：模型不那么过度自信，往往也略好一些。</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Used by the momentum optimizer: how much of the previous step carries on.</source>
        <translation>动量优化器使用：上一步有多少延续到这一步。</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>W, b, softmax, cross-entropy and SGD written by hand</source>
        <translation>手写 W、b、softmax、交叉熵和 SGD</translation>
    </message>
    <message>
        <source>Where to train; auto picks a GPU if there is one.</source>
        <translation>在哪里训练；auto 会在有 GPU 时选择 GPU。</translation>
    </message>
    <message>
        <source>Wide CNN</source>
        <translation>宽 CNN</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>class templates (one 28x28 weight image per digit)</source>
        <translation>类别模板（每个数字一张 28x28 的权重图）</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>first convolution&apos;s filters</source>
        <translation>第一个卷积层的卷积核</translation>
    </message>
    <message>
        <source>first hidden layer: what each unit looks for</source>
        <translation>第一个隐藏层：每个单元在寻找什么</translation>
    </message>
    <message>
        <source>fp32: plain float32. bf16: mixed precision (matrix maths in bfloat16), much faster on GPUs and on CPUs with bf16 instructions.</source>
        <translation>fp32：普通 float32。bf16：混合精度（矩阵运算用 bfloat16），在 GPU 和支持 bf16 指令的 CPU 上快得多。</translation>
    </message>
    <message>
        <source>init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>lesson 001 (ToTensor)</source>
        <translation>第 001 课（ToTensor）</translation>
    </message>
    <message>
        <source>lesson 004 (ToTensor + Normalize)</source>
        <translation>第 004 课（ToTensor + Normalize）</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>nn.Linear(784, 10) and CrossEntropyLoss</source>
        <translation>nn.Linear(784, 10) 和 CrossEntropyLoss</translation>
    </message>
    <message>
        <source>none: constant learning rate; onecycle: warm up, then decay to almost zero.</source>
        <translation>none：学习率不变；onecycle：先预热，再衰减到接近零。</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>sgd: plain gradient steps; momentum: SGD that keeps a running direction; adam: per-weight step sizes.</source>
        <translation>sgd：普通梯度下降；momentum：保持运动方向的 SGD；adam：每个权重有自己的步长。</translation>
    </message>
    <message>
        <source>the deep-MLP lesson (momentum 0.5, batch 64)</source>
        <translation>深层 MLP 课程（动量 0.5，批次 64）</translation>
    </message>
    <message>
        <source>the same CNN with 32 and 64 channels: the longer, &gt;= 99.5% preset</source>
        <translation>同样的 CNN，32 和 64 通道：更长的、可达 99.5% 以上的预设</translation>
    </message>
    <message>
        <source>the softmax-from-scratch lesson</source>
        <translation>从零实现 softmax 的课程</translation>
    </message>
    <message>
        <source>two conv blocks (pool, batch norm, ReLU), then a 128-unit classifier</source>
        <translation>两个卷积块（池化、批归一化、ReLU），然后是 128 个单元的分类器</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
</context>
</TS>
